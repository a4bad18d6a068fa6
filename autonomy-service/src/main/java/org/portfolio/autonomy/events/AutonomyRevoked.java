package org.portfolio.autonomy.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Data of {@code portfolio.autonomy.AutonomyRevoked.v1} (subject: the school id). See docs/events.md. */
public record AutonomyRevoked(UUID grantId, UUID schoolId, String domain, String model, Instant revokedAt,
                              Cause cause) {

    public static final String NAME = "AutonomyRevoked";

    /**
     * @param kind BENCHMARK_MISSED, MANUAL (then {@code reason}) or RATING_FELL (an EARNED grant fell back to
     *             PENDING: then {@code ratingIds})
     * @param comparator additive field: how actual was compared with target
     * @param description additive field: one sentence that explains the revocation
     * @param ratingId additive field (RATING_FELL): the latest of {@code ratingIds}
     * @param ratingIds additive field (RATING_FELL): the ratings below the grant's tier that made it fall back,
     *                  latest first
     */
    public record Cause(String kind, String eventId, UUID benchmarkId, UUID evaluationId, String metricCode,
                        String period, BigDecimal target, BigDecimal actual, String reason, String comparator,
                        String description, UUID ratingId, List<UUID> ratingIds, AutonomyReinstated.Correction correction) {
    }
}
