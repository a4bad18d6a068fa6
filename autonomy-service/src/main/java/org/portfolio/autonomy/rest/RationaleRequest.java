package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A reviewer's decision rationale (required)")
public record RationaleRequest(
        @Schema(examples = "The plan does not say how the extra hours are funded") @NotBlank @Size(max = 5000)
        String rationale) {
}
