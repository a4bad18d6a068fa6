package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.AutonomyDomain;
import org.portfolio.contracts.domain.AutonomyModel;
import org.portfolio.contracts.domain.Provision;
import org.portfolio.contracts.domain.ProvisionSpec;

import java.util.List;

@Schema(description = "An autonomy provision of a contract")
public record ProvisionDto(
        @Schema(description = "Set in answers; send it back to keep this provision (and its grants) through an edit or "
                + "amendment, leave it out to add a new one") java.util.UUID provisionId,
        @Schema(examples = "PEOPLE") @NotNull AutonomyDomain domain,
        @Schema(examples = "FULL_WITH_EXPECTATIONS") @NotNull AutonomyModel model,
        @Schema(examples = "Hire and place all teachers") @NotBlank @Size(max = 1000) String scope,
        @Schema(description = "Decision codes covered; empty = the whole domain", examples = "[\"HIRE_TEACHERS\"]")
        @Size(max = 50) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,59}", message = "must be an upper-case code such as HIRE_TEACHERS") String> decisions,
        @Schema(description = "Only for EARNED") @Valid EligibilityDto eligibility) {

    ProvisionSpec toSpec() {
        return new ProvisionSpec(provisionId, domain, model, scope, decisions,
                eligibility == null ? null : eligibility.minimumTier(),
                eligibility == null ? null : eligibility.consecutiveYears(),
                eligibility == null ? null : eligibility.fallBackAfterYears());
    }

    static ProvisionDto of(Provision p) {
        return new ProvisionDto(p.provisionId, p.domain, p.model, p.scope, List.copyOf(p.decisions),
                p.eligibilityMinimumTier == null ? null
                        : new EligibilityDto(p.eligibilityMinimumTier, p.eligibilityConsecutiveYears,
                        p.eligibilityFallBackAfterYears != null ? p.eligibilityFallBackAfterYears
                                : p.eligibilityConsecutiveYears));
    }
}
