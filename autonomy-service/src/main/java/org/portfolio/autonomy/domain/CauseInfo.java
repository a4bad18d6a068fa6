package org.portfolio.autonomy.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** An immutable copy of a {@link Cause}, for answers computed outside a persistence context. */
public record CauseInfo(CauseKind kind, String eventId, UUID benchmarkId, UUID evaluationId, String metricCode,
                        String period, String comparator, BigDecimal target, BigDecimal actual, List<UUID> ratingIds,
                        UUID requestId, UUID contractId, String reason, String description, String actor,
                        UUID correctionId, String correctionReasonCode) {

    /** A cause without a correction of student records behind it. */
    public CauseInfo(CauseKind kind, String eventId, UUID benchmarkId, UUID evaluationId, String metricCode,
                     String period, String comparator, BigDecimal target, BigDecimal actual, List<UUID> ratingIds,
                     UUID requestId, UUID contractId, String reason, String description, String actor) {
        this(kind, eventId, benchmarkId, evaluationId, metricCode, period, comparator, target, actual, ratingIds,
                requestId, contractId, reason, description, actor, null, null);
    }
}
