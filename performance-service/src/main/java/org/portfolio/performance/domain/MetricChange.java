package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One recorded change of a school metric (the history row behind a MetricResultRecorded). */
public record MetricChange(UUID resultId, String schoolYear, String metricCode, BigDecimal value, Integer n,
                           boolean suppressed, BigDecimal previousValue, MetricSource source, Instant recordedAt,
                           UUID correctionId, boolean withdrawn) {
}
