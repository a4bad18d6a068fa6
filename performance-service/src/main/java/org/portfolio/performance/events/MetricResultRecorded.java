package org.portfolio.performance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.MetricResultRecorded.v1} (subject: the school id): a school metric value is
 * new or changed. Aggregates only, never student data. See docs/events.md. Additions of issue 15.3: {@code correction}
 * (present when a correction of student records caused the change) and {@code withdrawn} (present, true, when the
 * correction retracted the last record behind the value: the value is gone and {@code value} is absent).
 */
public record MetricResultRecorded(UUID resultId, UUID schoolId, String metricCode, String period, Double value,
                                   Integer n, boolean suppressed, Double previousValue, String source,
                                   Instant recordedAt, Correction correction, Boolean withdrawn) {

    public static final String NAME = "MetricResultRecorded";

    /**
     * The correction that caused the change: its id (in performance-service's audit) and its reason code. Issue 15
     * (free text must not be published): {@code reasonCode} is new; {@code reason} is deprecated and carries the same
     * code's name (never the author's free text, which stays in the audit as the correction's note).
     */
    public record Correction(UUID correctionId, String reasonCode, @Deprecated String reason) {

        public static Correction of(UUID correctionId, String reasonCode) {
            return new Correction(correctionId, reasonCode, reasonCode);
        }
    }
}
