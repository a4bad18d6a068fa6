package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a replay queued. */
@Schema(name = "Replay")
public record ReplayResponse(
        @Schema(description = "Events queued for delivery (those the subscription wants and its owner may read)", required = true) int queued,
        @Schema(description = "The cursor the replay got to; replay again from it when hasMore", pattern = "^[0-9]{1,18}$", required = true) String next,
        @Schema(description = "More events follow next: replay again from it", required = true) boolean hasMore) {
}
