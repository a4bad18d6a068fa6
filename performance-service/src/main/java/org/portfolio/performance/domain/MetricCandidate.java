package org.portfolio.performance.domain;

import java.math.BigDecimal;

/** A freshly computed or posted value for a school metric, to be compared with the current one. */
public record MetricCandidate(SchoolYearKey key, String metricCode, BigDecimal value, Integer n, MetricSource source) {
}
