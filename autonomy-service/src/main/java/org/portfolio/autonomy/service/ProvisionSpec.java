package org.portfolio.autonomy.service;

import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.RatingTier;

import java.util.List;
import java.util.UUID;

/**
 * An autonomy provision of a contract: domain, model, scope, decisions (empty = whole domain), eligibility (EARNED):
 * minimum tier, consecutive years to earn it, and consecutive years below the tier after which it falls back
 * (null = the contract did not say: the same as {@code consecutiveYears}).
 */
public record ProvisionSpec(UUID provisionId, AutonomyDomain domain, GrantModel model, String scope,
                            List<String> decisions, RatingTier minimumTier, Integer consecutiveYears,
                            Integer fallBackAfterYears) {
}
