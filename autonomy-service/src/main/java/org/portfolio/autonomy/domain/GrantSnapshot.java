package org.portfolio.autonomy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable copy of a grant and its status timeline, held in memory by the decision-rights check.
 *
 * @param decisions the covered decision codes; empty = the whole domain
 * @param timeline  every status the grant had, oldest first (from its history)
 */
public record GrantSnapshot(UUID id, UUID schoolId, AutonomyDomain domain, GrantModel model, GrantSource source,
                            Set<String> decisions, String scope, UUID contractId, UUID provisionId, UUID requestId,
                            RatingTier eligibilityMinimumTier, Integer eligibilityConsecutiveYears,
                            LocalDate effectiveFrom, LocalDate effectiveTo, UUID successorContractId,
                            GrantStatus status, Instant since, CauseInfo cause, List<Step> timeline) {

    /** The grant's status from {@code at} on, and why. */
    public record Step(Instant at, GrantStatus status, CauseInfo cause) {
    }

    public boolean covers(String code) {
        return decisions.isEmpty() || decisions.contains(code);
    }

    /** The status the grant had just before {@code instant}, or null when it did not exist yet. */
    public Step statusBefore(Instant instant) {
        Step found = null;
        for (Step s : timeline) {
            if (s.at().isBefore(instant)) {
                found = s;
            } else {
                break;
            }
        }
        return found;
    }
}
