package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.BenchmarkComparator;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseInfo;
import org.portfolio.autonomy.domain.CauseKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

@Schema(description = "Why a grant changed: the event that caused it (and what it said), or a person's reason",
        requiredProperties = {"kind", "ratingIds", "description"})
public record CauseResponse(
        @Schema(examples = "BENCHMARK_MISSED") CauseKind kind,
        @Schema(description = "CloudEvents id of the event that caused the change; absent for API actions", format = "uuid")
        String eventId,
        UUID benchmarkId, UUID evaluationId,
        @Schema(examples = "TEACHER_VACANCIES") String metricCode,
        @Schema(examples = "2026-27") String period,
        @Schema(examples = "LTE") BenchmarkComparator comparator,
        @Schema(examples = "3") BigDecimal target,
        @Schema(examples = "7") BigDecimal actual,
        @Schema(description = "The ratings that earned an EARNED grant (RATING_QUALIFIED) or made it fall back (RATING_FELL), latest first") List<UUID> ratingIds,
        UUID requestId, UUID contractId,
        @Schema(description = "A person's reason, or the reason the causing event gave") String reason,
        @Schema(description = "One sentence that explains the change") String description,
        @Schema(description = "API client id for manual changes and reviews; \"system\" for event-driven changes")
        String actor,
        @Schema(description = "The correction of student records (performance-service, GET /corrections/{id}) whose "
                + "recomputed value the causing benchmark evaluation was made on; absent otherwise")
        UUID correctionId,
        @Schema(description = "That correction's reason code (performance-service's closed list; its author's note is "
                + "never published)", examples = "DATA_ENTRY_ERROR") String correctionReasonCode,
        @Schema(description = "Deprecated (issue 15): the correction's reason code again, never free text",
                deprecated = true) String correctionReason) {

    static CauseResponse of(Cause c) {
        return c == null ? null : of(c.info());
    }

    static CauseResponse of(CauseInfo c) {
        if (c == null) {
            return null;
        }
        return new CauseResponse(c.kind(), c.eventId(), c.benchmarkId(), c.evaluationId(), c.metricCode(), c.period(),
                c.comparator() == null ? null : BenchmarkComparator.valueOf(c.comparator()), plain(c.target()), plain(c.actual()), c.ratingIds(), c.requestId(), c.contractId(),
                c.reason(), c.description(), c.actor(), c.correctionId(), c.correctionReasonCode(),
                c.correctionReasonCode());
    }

    /**
     * The cause as the public decision-rights check shows it (third pass of 2026-12-05): without the API client that
     * acted (client ids stay in this service) and without an approval's rationale (a request's review is for the
     * district, its authorizer and the school's leader, GET /requests/{id}).
     */
    static CauseResponse ofPublic(CauseInfo c) {
        CauseResponse r = of(c);
        if (r == null) {
            return null;
        }
        String reason = c.kind() == CauseKind.REQUEST_APPROVED ? null : r.reason();
        return new CauseResponse(r.kind(), r.eventId(), r.benchmarkId(), r.evaluationId(), r.metricCode(), r.period(),
                r.comparator(), r.target(), r.actual(), r.ratingIds(), r.requestId(), r.contractId(), reason,
                r.description(), null, r.correctionId(), r.correctionReasonCode(), r.correctionReason());
    }

    static BigDecimal plain(BigDecimal n) {
        if (n == null) {
            return null;
        }
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
