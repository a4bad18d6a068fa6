package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The current value of one school metric for one year. */
public record MetricSnapshot(UUID schoolId, String schoolYear, String metricCode, BigDecimal value, Integer n,
                             boolean suppressed, MetricSource source, UUID resultId, Instant updatedAt) {
}
