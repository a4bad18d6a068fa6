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
 * @param terms     the grant's terms after each change of its history that recorded them, oldest first
 */
public record GrantSnapshot(UUID id, UUID schoolId, AutonomyDomain domain, GrantModel model, GrantSource source,
                            Set<String> decisions, String scope, UUID contractId, UUID provisionId, UUID requestId,
                            RatingTier eligibilityMinimumTier, Integer eligibilityConsecutiveYears,
                            LocalDate effectiveFrom, LocalDate effectiveTo, UUID successorContractId,
                            GrantStatus status, Instant since, CauseInfo cause, List<Step> timeline,
                            List<Terms> terms) {

    /** A grant whose history records no terms (written before they were recorded): its current terms hold. */
    public GrantSnapshot(UUID id, UUID schoolId, AutonomyDomain domain, GrantModel model, GrantSource source,
                         Set<String> decisions, String scope, UUID contractId, UUID provisionId, UUID requestId,
                         RatingTier eligibilityMinimumTier, Integer eligibilityConsecutiveYears,
                         LocalDate effectiveFrom, LocalDate effectiveTo, UUID successorContractId,
                         GrantStatus status, Instant since, CauseInfo cause, List<Step> timeline) {
        this(id, schoolId, domain, model, source, decisions, scope, contractId, provisionId, requestId,
                eligibilityMinimumTier, eligibilityConsecutiveYears, effectiveFrom, effectiveTo, successorContractId,
                status, since, cause, timeline, List.of());
    }

    /** The grant's status from {@code at} on, and why. */
    public record Step(Instant at, GrantStatus status, CauseInfo cause) {
    }

    /**
     * What the grant was from {@code at} on: domain, model, decisions (empty = the whole domain), effective dates, and
     * the contract that renewed its own (it carries over while that one is not yet in force).
     */
    public record Terms(Instant at, AutonomyDomain domain, GrantModel model, Set<String> decisions,
                        LocalDate effectiveFrom, LocalDate effectiveTo, UUID successorContractId) {

        public boolean covers(String code) {
            return decisions.isEmpty() || decisions.contains(code);
        }

        /** The same terms, whenever they began. */
        public boolean sameAs(Terms o) {
            return o != null && domain == o.domain && model == o.model && decisions.equals(o.decisions)
                    && effectiveFrom.equals(o.effectiveFrom) && java.util.Objects.equals(effectiveTo, o.effectiveTo)
                    && java.util.Objects.equals(successorContractId, o.successorContractId);
        }
    }

    public boolean covers(String code) {
        return decisions.isEmpty() || decisions.contains(code);
    }

    /** This grant with other terms (a past date's), its status and timeline unchanged. */
    public GrantSnapshot withTerms(Terms t) {
        return new GrantSnapshot(id, schoolId, t.domain(), t.model(), source, t.decisions(), scope, contractId,
                provisionId, requestId, eligibilityMinimumTier, eligibilityConsecutiveYears, t.effectiveFrom(),
                t.effectiveTo(), t.successorContractId(), status, since, cause, timeline, terms);
    }

    /** This grant with another status (a past date's), since when and why. */
    public GrantSnapshot withStatus(GrantStatus status, Instant since, CauseInfo cause) {
        return new GrantSnapshot(id, schoolId, domain, model, source, decisions, scope, contractId, provisionId, requestId,
                eligibilityMinimumTier, eligibilityConsecutiveYears, effectiveFrom, effectiveTo, successorContractId,
                status, since, cause, timeline, terms);
    }

    /** The grant's terms today. */
    public Terms currentTerms() {
        return new Terms(since, domain, model, decisions, effectiveFrom, effectiveTo, successorContractId);
    }

    /**
     * The terms the grant had just before {@code instant}: those of the last history entry before it that recorded
     * them; the current terms when none did (entries older than the recording, or a grant never changed since).
     */
    public Terms termsBefore(Instant instant) {
        Terms found = null;
        for (Terms t : terms) {
            if (t.at().isBefore(instant)) {
                found = t;
            } else {
                break;
            }
        }
        return found == null ? currentTerms() : found;
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
