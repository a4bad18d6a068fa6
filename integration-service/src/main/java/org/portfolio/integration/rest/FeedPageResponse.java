package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** One page of the change feed. */
@Schema(name = "FeedPage", description = "Events after the cursor that the caller may read, oldest first")
public record FeedPageResponse(
        @Schema(description = "The events, in feed order (per school: the order they happened in)", required = true) List<FeedEventResponse> events,
        @Schema(description = "The cursor to ask with next (?after=…): past every event of this page and every event "
                + "looked at that the caller may not read. Opaque; store it.", pattern = "^[0-9]{1,18}$", examples = "1042", required = true) String next,
        @Schema(description = "True when the feed may hold more events after next: ask again at once; false: "
                + "you are up to date, poll later", required = true) boolean hasMore) {
}
