package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkEvaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.BenchmarkEvaluated.v1} (subject: the school id). See docs/events.md;
 * {@code contractVersion}, {@code trigger}, {@code sourceResultId} and {@code evaluatedAt} are additions, and so are
 * {@code dataStatus} and {@code dataDueBy}: a MISSED decided without a usable value because the contract counts it as a
 * miss (dataStatus MISSING_DATA: no value by dataDueBy, no actual, no sourceEventId; INSUFFICIENT_DATA: the value
 * was suppressed, no actual). Absent for a value compared with the target.
 */
public record BenchmarkEvaluated(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId,
                                 String metricCode, String period, String comparator, BigDecimal target,
                                 BigDecimal actual, Integer n, String result, String category,
                                 List<String> guardsDomains, Consequence consequence, String sourceEventId,
                                 int contractVersion, String trigger, UUID sourceResultId, Instant evaluatedAt,
                                 String dataStatus, java.time.LocalDate dataDueBy, Correction correction) {

    /**
     * The correction of student records behind the value evaluated (trigger CORRECTION); absent otherwise. Issue 15:
     * {@code reasonCode} is new; {@code reason} is deprecated and carries the same code (never free text).
     */
    public record Correction(UUID correctionId, String reasonCode, @Deprecated String reason) {
    }

    public static final String NAME = "BenchmarkEvaluated";

    /** What the contract says follows from this benchmark: the level a miss triggers, reinstatement on a MET. */
    public record Consequence(String interventionLevel, boolean reinstateOnMet) {
    }

    /** The same evaluation with no guarded domain: a late result of a term whose grants ended with it. */
    public BenchmarkEvaluated guardingNothing() {
        return new BenchmarkEvaluated(evaluationId, benchmarkId, contractId, schoolId, metricCode, period, comparator, target,
                actual, n, result, category, List.of(), consequence, sourceEventId, contractVersion, trigger, sourceResultId,
                evaluatedAt, dataStatus, dataDueBy, correction);
    }

    /**
     * The evaluation as published. A suppressed value (a group smaller than the framework's minimum n) leaves in no event:
     * neither its value nor its n (review of 2026-12-06, eighth pass: the value went out as the miss's {@code actual},
     * and autonomy's anonymous decision-rights check showed it). Readers of the contract's scorecard still see it.
     */
    public static BenchmarkEvaluated of(BenchmarkEvaluation e, Benchmark b) {
        return new BenchmarkEvaluated(e.id, e.benchmarkId, e.contractId, e.schoolId, e.metricCode, e.period,
                e.comparator.name(), e.target, e.suppressed ? null : e.actual, e.suppressed ? null : e.n, e.isMiss() ? "MISSED" : e.result.name(), b.category.name(),
                b.guardsDomains.stream().sorted().map(Enum::name).toList(),
                new Consequence(b.missTriggers.name(), b.reinstateOnMet), e.sourceEventId, e.contractVersion,
                e.triggeredBy.name(), e.sourceResultId, e.evaluatedAt,
                e.result.isDecisive() ? null : e.result.name(), e.dataDueBy,
                e.correctionId == null ? null : new Correction(e.correctionId, e.correctionReasonCode, e.correctionReasonCode));
    }
}
