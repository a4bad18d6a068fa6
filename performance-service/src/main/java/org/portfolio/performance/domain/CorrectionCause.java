package org.portfolio.performance.domain;

import java.util.UUID;

/**
 * The correction that caused a recomputation: named in the metric history and in MetricResultRecorded by its id and
 * reason code only (its note never leaves the correction audit).
 */
public record CorrectionCause(UUID correctionId, CorrectionReasonCode reasonCode) {
}
