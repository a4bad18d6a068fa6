package org.portfolio.integration.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One event of the feed, a CloudEvent in structured JSON: the original event as its producer published it. */
@Schema(name = "FeedEvent", description = "A CloudEvent (structured JSON mode) as its producer published it, with its place in the feed")
public record FeedEventResponse(
        @Schema(description = "CloudEvents version", enumeration = "1.0", required = true) String specversion,
        @Schema(description = "The event id: the same in the feed, on the topic and as a webhook's webhook-id", required = true) String id,
        @Schema(description = "The producing service", enumeration = {"/contracts", "/autonomy", "/performance", "/enrollment", "/integration"}, required = true) String source,
        @Schema(required = true) EventTypeName type,
        @Schema(description = "The school id (a period id for MatchPublished, a subscription id for WebhookDisabled)") String subject,
        @Schema(description = "When it happened", required = true) Instant time,
        @Schema(description = "Media type of data", enumeration = "application/json", required = true) String datacontenttype,
        @Schema(description = "CloudEvents sequence extension: the event's place in the feed; ask for ?after=<sequence> to continue after it",
                pattern = "^[0-9]{1,18}$", examples = "1042", required = true) String sequence,
        @Schema(description = "The payload (docs/events.md)", required = true) Map<String, Object> data) {
}
