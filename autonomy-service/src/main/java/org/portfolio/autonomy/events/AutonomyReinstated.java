package org.portfolio.autonomy.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.autonomy.AutonomyReinstated.v1} (subject: the school id). See docs/events.md.
 * {@code model} and {@code reinstatedAt} are additive fields. Published when a grant that had been in force is in
 * force again: REVOKED → ACTIVE, or an EARNED grant that fell back to PENDING earned (or activated) again.
 */
public record AutonomyReinstated(UUID grantId, UUID schoolId, String domain, String model, Instant reinstatedAt,
                                 Cause cause) {

    public static final String NAME = "AutonomyReinstated";

    /**
     * @param kind BENCHMARK_MET, MANUAL (then {@code reason}) or RATING_QUALIFIED (an EARNED grant that had fallen
     *             back was earned again: then {@code ratingIds})
     * @param ratingId additive field (RATING_QUALIFIED): the latest of {@code ratingIds}
     * @param ratingIds additive field (RATING_QUALIFIED): the ratings that earned it again, latest first
     */
    public record Cause(String kind, String eventId, UUID benchmarkId, UUID evaluationId, String reason,
                        String description, UUID ratingId, List<UUID> ratingIds, Correction correction) {
    }

    /**
     * Additive (issue 15.3): the correction of student records behind the benchmark evaluation that caused it. Issue
     * 15: {@code reasonCode} is new; {@code reason} is deprecated and carries the same code (never free text).
     */
    public record Correction(UUID correctionId, String reasonCode, @Deprecated String reason) {

        public static Correction of(UUID correctionId, String reasonCode) {
            return new Correction(correctionId, reasonCode, reasonCode);
        }
    }
}
