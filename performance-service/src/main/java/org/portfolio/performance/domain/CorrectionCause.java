package org.portfolio.performance.domain;

import java.util.UUID;

/** The correction that caused a recomputation: named in the metric history and in MetricResultRecorded. */
public record CorrectionCause(UUID correctionId, String reason) {
}
