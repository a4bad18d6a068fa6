package org.portfolio.contracts.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A school metric value as performance-service recorded it (MetricResultRecorded); {@code correctionId} and
 * {@code correctionReasonCode} name the correction of student records that caused it (its code, never free text), {@code withdrawn} says a correction
 * retracted the last records behind it (no value).
 */
public record MetricValue(UUID resultId, UUID schoolId, String metricCode, String period, BigDecimal value, Integer n,
                          boolean suppressed, String source, Instant recordedAt, UUID correctionId,
                          String correctionReasonCode, boolean withdrawn) {

    public MetricValue(UUID resultId, UUID schoolId, String metricCode, String period, BigDecimal value, Integer n,
                       boolean suppressed, String source, Instant recordedAt) {
        this(resultId, schoolId, metricCode, period, value, n, suppressed, source, recordedAt, null, null, false);
    }
}
