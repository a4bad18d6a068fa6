package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.MetricChange;
import org.portfolio.performance.domain.MetricSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "One recorded change of a school metric (one MetricResultRecorded)",
        requiredProperties = {"resultId", "schoolYear", "metricCode", "value", "suppressed", "source", "recordedAt"})
public record MetricChangeResponse(@Schema(description = "The resultId of the event") UUID resultId, String schoolYear,
                                   String metricCode, BigDecimal value,
                                   @Schema(description = "Students behind the value (absent when it has none)") Integer n,
                                   boolean suppressed,
                                   @Schema(description = "The value before this change (absent for the first one)") BigDecimal previousValue,
                                   MetricSource source, Instant recordedAt) {

    static MetricChangeResponse of(MetricChange c) {
        return new MetricChangeResponse(c.resultId(), c.schoolYear(), c.metricCode(), c.value(), c.n(), c.suppressed(),
                c.previousValue(), c.source(), c.recordedAt());
    }
}
