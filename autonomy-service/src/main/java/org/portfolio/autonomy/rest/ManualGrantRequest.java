package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.GrantModel;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "A manual grant by a district admin or oversight body (reason required)")
public record ManualGrantRequest(
        @NotNull UUID schoolId,
        @Schema(examples = "TIME") @NotNull AutonomyDomain domain,
        @Schema(examples = "FULL_WITH_EXPECTATIONS") @NotNull GrantModel model,
        @Schema(description = "Decision codes of the domain; empty or absent = the whole domain")
        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}") String> decisions,
        @Size(max = 1000) String scope,
        @Schema(description = "Default: today") LocalDate effectiveFrom,
        @Schema(description = "Inclusive; absent = open-ended; not in the past (400), nor before effectiveFrom (400)") LocalDate effectiveTo,
        @Schema(examples = "Board resolution 2026-14") @NotBlank @Size(max = 2000) String reason) {
}
