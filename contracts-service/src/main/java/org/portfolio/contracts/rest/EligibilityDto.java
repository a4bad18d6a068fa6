package org.portfolio.contracts.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.RatingTier;

@Schema(description = "When an EARNED autonomy is granted — at least this tier for this many consecutive rated years — "
        + "and when it falls back to pending: below this tier for fallBackAfterYears consecutive rated years")
public record EligibilityDto(
        @Schema(examples = "MEETS") @NotNull RatingTier minimumTier,
        @Schema(examples = "2") @NotNull @Min(1) @Max(10) Integer consecutiveYears,
        @Schema(description = "Consecutive latest rated school years below minimumTier after which the granted autonomy "
                + "falls back to pending (to be earned again); when left out, the same as consecutiveYears (answers "
                + "always state it)", examples = "2") @Min(1) @Max(10) Integer fallBackAfterYears) {
}
