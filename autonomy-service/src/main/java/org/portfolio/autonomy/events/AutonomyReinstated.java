package org.portfolio.autonomy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.autonomy.AutonomyReinstated.v1} (subject: the school id). See docs/events.md.
 * {@code model} and {@code reinstatedAt} are additive fields.
 */
public record AutonomyReinstated(UUID grantId, UUID schoolId, String domain, String model, Instant reinstatedAt,
                                 Cause cause) {

    public static final String NAME = "AutonomyReinstated";

    /** @param kind BENCHMARK_MET or MANUAL (then {@code reason}) */
    public record Cause(String kind, String eventId, UUID benchmarkId, UUID evaluationId, String reason,
                        String description) {
    }
}
