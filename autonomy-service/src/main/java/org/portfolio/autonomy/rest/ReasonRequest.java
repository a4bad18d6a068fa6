package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The reason for a manual change (required: every change answers \"why\")")
public record ReasonRequest(
        @Schema(examples = "Vacancies filled; corrective plan completed") @NotBlank @Size(max = 2000) String reason) {
}
