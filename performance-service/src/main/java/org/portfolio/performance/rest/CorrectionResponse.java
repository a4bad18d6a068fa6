package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.CorrectionAction;
import org.portfolio.performance.domain.CorrectionItem;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.CorrectionOutcome;
import org.portfolio.performance.domain.CorrectionReasonCode;
import org.portfolio.performance.domain.RecordCorrection;
import org.portfolio.platform.web.vocabulary.Grade;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(description = "An audited correction of student records: who, when, why, what it changed, and each item's "
        + "values before and after (personal data: DISTRICT_ADMIN, or an SIS for its schools' items)",
        requiredProperties = {"correctionId", "kind", "reasonCode", "reason", "correctedBy", "correctedAt", "itemCount", "itemsChanged",
                "itemsRetracted", "itemsUnchanged", "items"})
public record CorrectionResponse(UUID correctionId, CorrectionKind kind,
                                 @Schema(description = "Why, from the closed list (the only \"why\" that is published)")
                                 CorrectionReasonCode reasonCode,
                                 @Schema(description = "The author's free text (never published). Absent when none was "
                                         + "given, once erased (noteErasedAt), and for an SIS that may not read every "
                                         + "school of the correction") String note,
                                 @Schema(description = "When the note was erased with the records of a student who has an "
                                         + "item in the correction") Instant noteErasedAt,
                                 @Schema(description = "Deprecated (issue 15): the reason code's name, never free text",
                                         deprecated = true) String reason,
                                 @Schema(description = "The API client that made it") String correctedBy,
                                 Instant correctedAt,
                                 @Schema(description = "Items in the request") int itemCount,
                                 int itemsChanged, int itemsRetracted,
                                 @Schema(description = "Items whose values were already the ones given") int itemsUnchanged,
                                 @Schema(description = "School metric values that changed (each a MetricResultRecorded naming "
                                         + "this correction); absent in the answer to an ingest-only client (svc_edfi)")
                                 Integer metricsChanged,
                                 @Schema(description = "Computed values withdrawn because their last records were retracted; "
                                         + "absent in the answer to an ingest-only client")
                                 Integer metricsWithdrawn,
                                 @Schema(description = "Ratings that changed; absent in the answer to an ingest-only client")
                                 Integer ratingsChanged,
                                 @Schema(description = "The items the caller may see, in request order (an SIS sees its schools' items)")
                                 List<Item> items) {

    @Schema(description = "One item's audit: the record's natural key, the action and the values before and after",
            requiredProperties = {"index", "schoolId", "schoolYear", "action", "outcome"})
    public record Item(@Schema(description = "Position in the request (0 = first)") int index,
                       UUID schoolId, String schoolYear, CorrectionAction action, CorrectionOutcome outcome,
                       @Schema(description = "Absent once the student's records were erased") String studentId,
                       @Schema(description = "Assessment results only; absent once erased") String subject,
                       @Schema(description = "Assessment results only; absent once erased") String testCode,
                       @Schema(description = "The stored values before (absent once erased, for an item that named no stored "
                               + "record, and in the answer to an ingest-only client)") Values before,
                       @Schema(description = "The values after (absent for a retraction, once erased, and in the answer to "
                               + "an ingest-only client)") Values after,
                       @Schema(description = "When the student's records were erased (the key and values blanked)") Instant erasedAt) {
    }

    @Schema(description = "A record's values (the fields of its kind; an absent one had no value)")
    public record Values(@Schema(description = "PK, K or 1 to 12", ref = Grade.SCHEMA) String gradeLevel, Integer performanceLevel,
                         Integer scaleScore, Integer growthPercentile, BigDecimal daysEnrolled, BigDecimal daysAbsent) {

        static Values of(Map<String, Object> m) {
            if (m == null) {
                return null;
            }
            return new Values((String) m.get("gradeLevel"), integer(m.get("performanceLevel")), integer(m.get("scaleScore")),
                    integer(m.get("growthPercentile")), decimal(m.get("daysEnrolled")), decimal(m.get("daysAbsent")));
        }

        private static Integer integer(Object o) {
            return o == null ? null : ((Number) o).intValue();
        }

        private static BigDecimal decimal(Object o) {
            if (o == null) {
                return null;
            }
            BigDecimal d = new BigDecimal(o.toString()).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }
    }

    static CorrectionResponse of(RecordCorrection c, List<CorrectionItem> items, boolean withNote) {
        return new CorrectionResponse(c.id(), c.kind(), c.reasonCode(), withNote ? c.note() : null, c.noteErasedAt(),
                c.reasonCode().name(), c.clientId(), c.correctedAt(), c.items(),
                c.itemsChanged(), c.itemsRetracted(), c.itemsUnchanged(), c.metricsChanged(), c.metricsWithdrawn(),
                c.ratingsChanged(), items == null ? List.of() : items.stream().map(i -> new Item(i.seq(), i.schoolId(),
                        i.schoolYear(), i.action(), i.outcome(), i.studentId(), i.subject(), i.testCode(), Values.of(i.before()),
                        Values.of(i.after()), i.erasedAt())).toList());
    }

    /**
     * The answer to an ingest-only client (svc_edfi, which may only retract): every item RETRACTED, without values, and
     * no metric or rating counts — alike whether or not each record was stored (review of edfi5, H1).
     */
    static CorrectionResponse retractedBlind(RecordCorrection c, List<CorrectionItem> items) {
        return new CorrectionResponse(c.id(), c.kind(), c.reasonCode(), null, c.noteErasedAt(), c.reasonCode().name(),
                c.clientId(), c.correctedAt(), c.items(), 0, c.items(), 0,
                null, null, null, items.stream().map(i -> new Item(i.seq(), i.schoolId(), i.schoolYear(), i.action(),
                        CorrectionOutcome.RETRACTED, i.studentId(), i.subject(), i.testCode(), null, null, null)).toList());
    }
}
