package org.portfolio.contracts.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A school metric value as performance-service recorded it (MetricResultRecorded). */
public record MetricValue(UUID resultId, UUID schoolId, String metricCode, String period, BigDecimal value, Integer n,
                          boolean suppressed, String source, Instant recordedAt) {
}
