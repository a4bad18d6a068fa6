package org.portfolio.performance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.MetricResultRecorded.v1} (subject: the school id): a school metric value is
 * new or changed. Aggregates only, never student data. See docs/events.md.
 */
public record MetricResultRecorded(UUID resultId, UUID schoolId, String metricCode, String period, Double value,
                                   Integer n, boolean suppressed, Double previousValue, String source,
                                   Instant recordedAt) {

    public static final String NAME = "MetricResultRecorded";
}
