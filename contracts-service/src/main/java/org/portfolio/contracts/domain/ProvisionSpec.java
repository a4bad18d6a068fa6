package org.portfolio.contracts.domain;

import java.util.List;
import java.util.UUID;

/**
 * An autonomy provision as asked for. {@code provisionId} names an existing provision to keep (its identity
 * survives amendments); null adds a new one. Eligibility only for EARNED.
 */
public record ProvisionSpec(UUID provisionId, AutonomyDomain domain, AutonomyModel model, String scope,
                            List<String> decisions, RatingTier minimumTier, Integer consecutiveYears) {

    public ProvisionSpec {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    public boolean hasEligibility() {
        return minimumTier != null || consecutiveYears != null;
    }
}
