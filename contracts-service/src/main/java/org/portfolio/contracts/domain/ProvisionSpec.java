package org.portfolio.contracts.domain;

import java.util.List;
import java.util.UUID;

/**
 * An autonomy provision as asked for. {@code provisionId} names an existing provision to keep (its identity
 * survives amendments); null adds a new one. Eligibility only for EARNED: {@code minimumTier} for
 * {@code consecutiveYears} earns it; {@code fallBackAfterYears} consecutive years below that tier take it back to
 * pending — when not given, the same number as {@code consecutiveYears} (resolved here, so the contract states it).
 */
public record ProvisionSpec(UUID provisionId, AutonomyDomain domain, AutonomyModel model, String scope,
                            List<String> decisions, RatingTier minimumTier, Integer consecutiveYears,
                            Integer fallBackAfterYears) {

    public ProvisionSpec {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        if (fallBackAfterYears == null && minimumTier != null && consecutiveYears != null) {
            fallBackAfterYears = consecutiveYears;
        }
    }

    public boolean hasEligibility() {
        return minimumTier != null || consecutiveYears != null || fallBackAfterYears != null;
    }
}
