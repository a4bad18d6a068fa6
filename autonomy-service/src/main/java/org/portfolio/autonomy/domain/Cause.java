package org.portfolio.autonomy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The stored cause of a change to a grant: the event that caused it (and what that event said), or the
 * person's reason for a manual change. Embedded in the grant (its latest change) and in every history entry.
 */
@Embeddable
public class Cause {

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_kind", length = 30)
    public CauseKind kind;

    /** The CloudEvents id of the event that caused the change (null for API actions). */
    @Column(name = "cause_event_id", length = 200)
    public String eventId;

    @Column(name = "cause_benchmark_id")
    public UUID benchmarkId;

    @Column(name = "cause_evaluation_id")
    public UUID evaluationId;

    @Column(name = "cause_metric_code", length = 60)
    public String metricCode;

    @Column(name = "cause_period", length = 7)
    public String period;

    @Column(name = "cause_comparator", length = 5)
    public String comparator;

    @Column(name = "cause_target", precision = 20, scale = 6)
    public BigDecimal target;

    @Column(name = "cause_actual", precision = 18, scale = 4)
    public BigDecimal actual;

    /** Comma-separated ids of the ratings that earned an EARNED grant. */
    @Column(name = "cause_rating_ids", length = 1000)
    public String ratingIds;

    @Column(name = "cause_request_id")
    public UUID requestId;

    @Column(name = "cause_contract_id")
    public UUID contractId;

    /** A person's reason (manual changes) or the reason an event gave (contract ended, school closed). */
    @Column(name = "cause_reason", columnDefinition = "text")
    public String reason;

    /** One sentence that explains the change. */
    @Column(name = "cause_description", columnDefinition = "text")
    public String description;

    /** Who: the API client id for manual changes and reviews, "system" for event-driven changes. */
    @Column(name = "cause_actor", length = 200)
    public String actor;

    /** The correction of student records behind the benchmark evaluation that caused the change (issue 15.3). */
    @Column(name = "cause_correction_id")
    public UUID correctionId;

    /** Its reason code (issue 15: the code only; the correction's note never leaves performance-service). */
    @Column(name = "cause_correction_reason_code", length = 30)
    public String correctionReasonCode;

    public static final String SYSTEM = "system";

    public static Cause of(CauseKind kind, String eventId, String description) {
        Cause c = new Cause();
        c.kind = kind;
        c.eventId = eventId;
        c.description = truncate(description, 2000);
        c.actor = SYSTEM;
        return c;
    }

    public static Cause manual(String actor, String reason, String description) {
        Cause c = of(CauseKind.MANUAL, null, description);
        c.actor = actor;
        c.reason = truncate(reason, 2000);
        return c;
    }

    public Cause withReason(String reason) {
        this.reason = truncate(reason, 2000);
        return this;
    }

    public Cause withContract(UUID contractId) {
        this.contractId = contractId;
        return this;
    }

    public Cause withRequest(UUID requestId) {
        this.requestId = requestId;
        return this;
    }

    public Cause withActor(String actor) {
        this.actor = actor;
        return this;
    }

    public Cause withCorrection(UUID correctionId, String correctionReasonCode) {
        this.correctionId = correctionId;
        this.correctionReasonCode = truncate(correctionReasonCode, 30);
        return this;
    }

    public Cause withRatings(List<UUID> ratingIds) {
        this.ratingIds = ratingIds == null || ratingIds.isEmpty() ? null
                : String.join(",", ratingIds.stream().map(UUID::toString).toList());
        return this;
    }

    /** The ratings (latest first) that earned or took back an EARNED grant. */
    public Cause withRatings(EarnedEligibility.Qualified q) {
        return withRatings(q.ratingIds());
    }

    public Cause withBenchmark(UUID benchmarkId, UUID evaluationId, String metricCode, String period,
                               String comparator, BigDecimal target, BigDecimal actual) {
        this.benchmarkId = benchmarkId;
        this.evaluationId = evaluationId;
        this.metricCode = metricCode;
        this.period = period;
        this.comparator = comparator;
        this.target = target;
        this.actual = actual;
        return this;
    }

    public List<UUID> ratingIdList() {
        return ratingIds == null || ratingIds.isBlank() ? List.of()
                : Arrays.stream(ratingIds.split(",")).map(UUID::fromString).toList();
    }

    public Cause copy() {
        Cause c = new Cause();
        c.kind = kind;
        c.eventId = eventId;
        c.benchmarkId = benchmarkId;
        c.evaluationId = evaluationId;
        c.metricCode = metricCode;
        c.period = period;
        c.comparator = comparator;
        c.target = target;
        c.actual = actual;
        c.ratingIds = ratingIds;
        c.requestId = requestId;
        c.contractId = contractId;
        c.reason = reason;
        c.description = description;
        c.actor = actor;
        c.correctionId = correctionId;
        c.correctionReasonCode = correctionReasonCode;
        return c;
    }

    public CauseInfo info() {
        return new CauseInfo(kind, eventId, benchmarkId, evaluationId, metricCode, period, comparator, target, actual,
                ratingIdList(), requestId, contractId, reason, description, actor, correctionId, correctionReasonCode);
    }

    static String truncate(String s, int max) {
        return org.portfolio.platform.web.text.Texts.cut(s, max); // in characters, not UTF-16 units (nineteenth pass)
    }
}
