package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.CorrectionReasonCode;
import org.portfolio.performance.domain.RecordCorrection;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "One correction in the audit list (its items: GET /corrections/{id})",
        requiredProperties = {"correctionId", "kind", "reasonCode", "reason", "correctedBy", "correctedAt", "itemCount", "itemsChanged",
                "itemsRetracted", "itemsUnchanged", "metricsChanged", "metricsWithdrawn", "ratingsChanged"})
public record CorrectionSummaryResponse(UUID correctionId, CorrectionKind kind, CorrectionReasonCode reasonCode,
                                        @Schema(description = "Deprecated (issue 15): the reason code's name, never free "
                                                + "text (the note: GET /corrections/{id})", deprecated = true) String reason,
                                        String correctedBy,
                                        Instant correctedAt, int itemCount, int itemsChanged, int itemsRetracted,
                                        int itemsUnchanged, int metricsChanged, int metricsWithdrawn,
                                        int ratingsChanged) {

    static CorrectionSummaryResponse of(RecordCorrection c) {
        return new CorrectionSummaryResponse(c.id(), c.kind(), c.reasonCode(), c.reasonCode().name(), c.clientId(), c.correctedAt(), c.items(),
                c.itemsChanged(), c.itemsRetracted(), c.itemsUnchanged(), c.metricsChanged(), c.metricsWithdrawn(),
                c.ratingsChanged());
    }
}
