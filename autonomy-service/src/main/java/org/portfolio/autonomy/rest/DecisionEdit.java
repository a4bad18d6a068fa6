package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;

@Schema(description = "New name and description of a decision (its domain cannot change)")
public record DecisionEdit(
        @Schema(description = "If given, must be the decision's current domain") AutonomyDomain domain,
        @Schema(examples = "Hire and place teachers") @NotBlank @Size(max = 200) String name,
        @Size(max = 1000) String description) {
}
