package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.MetricChange;
import org.portfolio.performance.domain.MetricSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "One recorded change of a school metric (one MetricResultRecorded)",
        requiredProperties = {"resultId", "schoolYear", "metricCode", "suppressed", "source", "recordedAt"})
public record MetricChangeResponse(@Schema(description = "The resultId of the event") UUID resultId, String schoolYear,
                                   String metricCode,
                                   @Schema(description = "The value (absent only when the change withdrew it: withdrawn)") BigDecimal value,
                                   @Schema(description = "Students behind the value (absent when it has none)") Integer n,
                                   boolean suppressed,
                                   @Schema(description = "The value before this change (absent for the first one)") BigDecimal previousValue,
                                   MetricSource source, Instant recordedAt,
                                   @Schema(description = "The correction of student records that caused this change "
                                           + "(GET /corrections/{id}); absent for uploads and other causes") UUID correctionId,
                                   @Schema(description = "True when a correction retracted the last records behind the "
                                           + "value: it has no value any more (absent otherwise)") Boolean withdrawn) {

    static MetricChangeResponse of(MetricChange c) {
        return new MetricChangeResponse(c.resultId(), c.schoolYear(), c.metricCode(), c.value(), c.n(), c.suppressed(),
                c.previousValue(), c.source(), c.recordedAt(), c.correctionId(), c.withdrawn() ? Boolean.TRUE : null);
    }
}
