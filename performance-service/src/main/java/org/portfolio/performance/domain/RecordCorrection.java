package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/** One audited correction request (a batch of items with one reason) and what it changed. */
public record RecordCorrection(UUID id, CorrectionKind kind, String reason, String clientId, Instant correctedAt,
                               int items, int itemsChanged, int itemsRetracted, int itemsUnchanged, int metricsChanged,
                               int metricsWithdrawn, int ratingsChanged) {
}
