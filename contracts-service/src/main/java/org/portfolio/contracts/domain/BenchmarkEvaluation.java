package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One evaluation of a benchmark on a metric value, with the definition it was evaluated against. */
@Entity
@Table(name = "benchmark_evaluation")
public class BenchmarkEvaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Column(name = "contract_version", nullable = false)
    public int contractVersion;

    @Column(name = "benchmark_id", nullable = false)
    public UUID benchmarkId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "metric_code", nullable = false, length = 60)
    public String metricCode;

    @Column(nullable = false, length = 7)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 3)
    public BenchmarkComparator comparator;

    @Column(nullable = false)
    public BigDecimal target;

    public BigDecimal actual;

    public Integer n;

    @Column(nullable = false)
    public boolean suppressed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public EvaluationResult result;

    @Enumerated(EnumType.STRING)
    @Column(name = "triggered_by", nullable = false, length = 20)
    public EvaluationTrigger triggeredBy;

    /** The MetricResultRecorded event that delivered the value. */
    @Column(name = "source_event_id", length = 200)
    public String sourceEventId;

    @Column(name = "source_result_id")
    public UUID sourceResultId;

    @Column(name = "evaluated_at", nullable = false)
    public Instant evaluatedAt;

    /**
     * An INSUFFICIENT_DATA or MISSING_DATA evaluation that counts as a miss because the contract says so (published
     * as a MISSED BenchmarkEvaluated, and escalating like one). Always false for MET and MISSED.
     */
    @Column(name = "counts_as_miss", nullable = false)
    public boolean countsAsMiss;

    /** MISSING_DATA only: the day by which a value was due (the school year's last day plus the grace period). */
    @Column(name = "data_due_by")
    public java.time.LocalDate dataDueBy;

    /**
     * A benchmark whose value did not come: the school year ended on {@code periodEnded}, the grace period ran out
     * on {@code dueBy}, and nothing was recorded for it.
     */
    public static BenchmarkEvaluation missingData(Contract contract, Benchmark b, java.time.LocalDate dueBy,
                                                  boolean countsAsMiss, Instant now) {
        BenchmarkEvaluation e = new BenchmarkEvaluation();
        e.id = UUID.randomUUID();
        e.contractId = contract.id;
        e.contractVersion = contract.currentVersion;
        e.benchmarkId = b.benchmarkId;
        e.schoolId = contract.schoolId();
        e.metricCode = b.metricCode;
        e.period = b.period;
        e.comparator = b.comparator;
        e.target = b.target;
        e.suppressed = false;
        e.result = EvaluationResult.MISSING_DATA;
        e.triggeredBy = EvaluationTrigger.CLOCK;
        e.evaluatedAt = now;
        e.countsAsMiss = countsAsMiss;
        e.dataDueBy = dueBy;
        return e;
    }

    /** A MISSED, or an evaluation without a usable value that the contract counts as a miss. */
    public boolean isMiss() {
        return result == EvaluationResult.MISSED || countsAsMiss;
    }

    /** MET or MISSED, or counted as a miss: what decides the guarded autonomy and the intervention ladder. */
    public boolean isDecisive() {
        return result.isDecisive() || countsAsMiss;
    }
    /**
     * The correction of student records that produced the value (trigger CORRECTION), and its reason code (issue 15:
     * the code only; the author's note never leaves performance-service).
     */
    @Column(name = "correction_id")
    public UUID correctionId;

    @Column(name = "correction_reason_code", length = 30)
    public String correctionReasonCode;

    public static BenchmarkEvaluation of(Contract contract, Benchmark b, MetricObservation value,
                                         EvaluationTrigger trigger, Instant now) {
        BenchmarkEvaluation e = new BenchmarkEvaluation();
        e.id = UUID.randomUUID();
        e.contractId = contract.id;
        e.contractVersion = contract.currentVersion;
        e.benchmarkId = b.benchmarkId;
        e.schoolId = contract.schoolId();
        e.metricCode = b.metricCode;
        e.period = b.period;
        e.comparator = b.comparator;
        e.target = b.target;
        e.actual = value.value;
        e.n = value.n;
        e.suppressed = value.suppressed;
        e.result = value.suppressed || value.value == null ? EvaluationResult.INSUFFICIENT_DATA
                : b.isMet(value.value) ? EvaluationResult.MET : EvaluationResult.MISSED;
        e.triggeredBy = trigger;
        e.sourceEventId = value.sourceEventId;
        e.sourceResultId = value.resultId;
        e.evaluatedAt = now;
        return e;
    }

    /** Was this evaluation made against the benchmark as it is defined now? */
    public boolean measures(Benchmark b) {
        return benchmarkId.equals(b.benchmarkId) && metricCode.equals(b.metricCode) && period.equals(b.period)
                && comparator == b.comparator && target.compareTo(b.target) == 0;
    }

    /** "Benchmark TEACHER_VACANCIES 2026-27 missed: 7 > 3". */
    public String describe() {
        if (result == EvaluationResult.MISSING_DATA && correctionId != null) {
            return describeResult() + " — its value was withdrawn (correction " + correctionId
                    + (correctionReasonCode == null ? "" : ": " + correctionReasonCode) + ")";
        }
        return describeResult() + (correctionId == null ? "" : " — on corrected data (correction " + correctionId
                + (correctionReasonCode == null ? "" : ": " + correctionReasonCode) + ")");
    }

    private String describeResult() {
        if (result == EvaluationResult.INSUFFICIENT_DATA && actual == null && !suppressed) {
            return "Benchmark " + metricCode + " " + period + " not evaluated: its value was withdrawn (the records "
                    + "behind it were retracted)";
        }
        return switch (result) {
            case MET -> "Benchmark " + metricCode + " " + period + " met: " + actual.toPlainString() + " "
                    + comparator.symbol() + " " + target.toPlainString();
            case MISSED -> "Benchmark " + metricCode + " " + period + " missed: " + actual.toPlainString() + " "
                    + comparator.negation() + " " + target.toPlainString();
            case INSUFFICIENT_DATA -> "Benchmark " + metricCode + " " + period + (countsAsMiss
                    ? " missed: the value is suppressed" : " not evaluated: the value is suppressed")
                    // no n: this text reaches the public decision-rights check, whose figures never show a suppressed
                    // value's n (seventh pass); the event's own n field is for those who may read the school's records
                    + " (fewer students than the framework's minimum n)"
                    + (countsAsMiss ? "; the contract counts insufficient data as a miss" : "");
            case MISSING_DATA -> "Benchmark " + metricCode + " " + period + (countsAsMiss ? " missed" : " has missing data")
                    + ": no data reported by " + dataDueBy
                    + (countsAsMiss ? "; the contract counts missing data as a miss"
                    : "; the contract does not count missing data as a miss");
        };
    }
}
