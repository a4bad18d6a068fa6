package org.portfolio.contracts.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.RatingTier;

@Schema(description = "When an EARNED autonomy is granted: at least this tier for this many consecutive years")
public record EligibilityDto(
        @Schema(examples = "MEETS") @NotNull RatingTier minimumTier,
        @Schema(examples = "2") @NotNull @Min(1) @Max(10) Integer consecutiveYears) {
}
