package org.portfolio.integration.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a replay starts. */
@Schema(name = "ReplayRequest")
public record ReplayRequest(
        @Schema(description = "A feed cursor (an event's sequence, or a page's next): the events after it are sent again; \"0\": from the start of the feed",
                pattern = "^[0-9]{1,18}$", examples = "1042", required = true)
        @NotNull @Pattern(regexp = "[0-9]{1,18}") String after) {
}
