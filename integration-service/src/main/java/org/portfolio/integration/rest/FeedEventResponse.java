package org.portfolio.integration.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One event of the feed, a CloudEvent in structured JSON: the original event as its producer published it. */
@Schema(name = "FeedEvent", description = "A CloudEvent (structured JSON mode) as its producer published it, with its place in the feed")
public record FeedEventResponse(
        @Schema(description = "CloudEvents version", enumeration = "1.0", required = true) String specversion,
        @Schema(description = "The event id: the same in the feed, on the topic and as a webhook's webhook-id", required = true) String id,
        @Schema(description = "The producing service: /contracts, /autonomy, /performance, /enrollment or /integration today; "
                + "a reader accepts others", pattern = "^/[A-Za-z0-9._/-]+$", examples = "/contracts", required = true) String source,
        @Schema(description = "The event type: one of EventType's values today. A reader accepts others and skips what it does "
                + "not know: new types, and new versions of a type (.v2) published beside the old, are added without notice "
                + "(docs/events.md), and a page holding one must still be read so that the cursor moves on",
                pattern = "^[A-Za-z0-9._-]+$", examples = "portfolio.autonomy.AutonomyRevoked.v1",
                required = true) String type,
        @Schema(description = "The school id (a period id for MatchPublished, a subscription id for WebhookDisabled)") String subject,
        @Schema(description = "When it happened", required = true) Instant time,
        @Schema(description = "Media type of data", enumeration = "application/json", required = true) String datacontenttype,
        @Schema(description = "CloudEvents sequence extension: the event's place in the feed; ask for ?after=<sequence> to continue after it",
                pattern = "^[0-9]{1,18}$", examples = "1042", required = true) String sequence,
        @Schema(description = "The payload (docs/events.md)", required = true) Map<String, Object> data) {
}
