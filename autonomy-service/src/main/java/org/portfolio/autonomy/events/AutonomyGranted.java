package org.portfolio.autonomy.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.autonomy.AutonomyGranted.v1} (subject: the school id). See docs/events.md.
 * Published when a grant becomes ACTIVE for the first time (never for a reinstatement).
 */
public record AutonomyGranted(UUID grantId, UUID schoolId, String domain, String model, List<String> decisions,
                              String source, UUID contractId, UUID provisionId, UUID requestId,
                              LocalDate effectiveFrom, LocalDate effectiveTo, Cause cause) {

    public static final String NAME = "AutonomyGranted";

    /**
     * @param kind      CONTRACT_ACTIVATED, CONTRACT_AMENDED, RATING_QUALIFIED, REQUEST_APPROVED, MANUAL
     * @param ratingId  the latest of the ratings that earned an EARNED grant
     * @param ratingIds every rating that earned it (additive field)
     */
    public record Cause(String kind, String eventId, UUID ratingId, List<UUID> ratingIds, String description) {
    }
}
