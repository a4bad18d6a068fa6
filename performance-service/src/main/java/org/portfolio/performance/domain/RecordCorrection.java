package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited correction request (a batch of items with one reason code) and what it changed. {@code note}: the
 * optional free text of its author, kept only here (never published); null when none was given or once erased
 * ({@code noteErasedAt}: the erasure of a student with an item in it).
 */
public record RecordCorrection(UUID id, CorrectionKind kind, CorrectionReasonCode reasonCode, String note,
                               Instant noteErasedAt, String clientId, Instant correctedAt,
                               int items, int itemsChanged, int itemsRetracted, int itemsUnchanged, int metricsChanged,
                               int metricsWithdrawn, int ratingsChanged) {
}
