package org.portfolio.autonomy.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Data of {@code portfolio.autonomy.AutonomyRevoked.v1} (subject: the school id). See docs/events.md. */
public record AutonomyRevoked(UUID grantId, UUID schoolId, String domain, String model, Instant revokedAt,
                              Cause cause) {

    public static final String NAME = "AutonomyRevoked";

    /**
     * @param kind BENCHMARK_MISSED or MANUAL (then {@code reason})
     * @param comparator additive field: how actual was compared with target
     * @param description additive field: one sentence that explains the revocation
     */
    public record Cause(String kind, String eventId, UUID benchmarkId, UUID evaluationId, String metricCode,
                        String period, BigDecimal target, BigDecimal actual, String reason, String comparator,
                        String description) {
    }
}
