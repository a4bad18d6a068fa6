package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;

@Schema(description = "A decision to add to the catalog")
public record DecisionRequest(
        @Schema(examples = "SET_DRESS_CODE") @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}",
                message = "UPPER_SNAKE_CASE, at most 60 characters") String code,
        @Schema(examples = "PROGRAM") @NotNull AutonomyDomain domain,
        @Schema(examples = "Set the dress code") @NotBlank @Size(max = 200) String name,
        @Size(max = 1000) String description) {
}
