package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.BenchmarkComparator;
import org.portfolio.autonomy.domain.BenchmarkEvaluation;
import org.portfolio.autonomy.domain.EvaluationResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Schema(description = "A benchmark evaluation received from contracts-service, and what it did to the school's grants",
        requiredProperties = {"eventId", "benchmarkId", "schoolId", "result", "guardsDomains", "reinstateOnMet", "grantsRevoked", "grantsReinstated", "receivedAt"})
public record BenchmarkEvaluationResponse(
        @Schema(description = "CloudEvents id of the BenchmarkEvaluated event", format = "uuid") String eventId,
        UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId,
        @Schema(examples = "TEACHER_VACANCIES") String metricCode,
        @Schema(examples = "2026-27") String period,
        @Schema(examples = "LTE") BenchmarkComparator comparator,
        BigDecimal target, BigDecimal actual,
        @Schema(description = "How many students the value rests on, if the event said") Integer n,
        @Schema(examples = "MISSED") EvaluationResult result,
        @Schema(description = "The autonomy domains the benchmark guards") List<AutonomyDomain> guardsDomains,
        boolean reinstateOnMet,
        int grantsRevoked, int grantsReinstated, Instant receivedAt) {

    static BenchmarkEvaluationResponse of(BenchmarkEvaluation e) {
        return new BenchmarkEvaluationResponse(e.eventId, e.evaluationId, e.benchmarkId, e.contractId, e.schoolId,
                e.metricCode, e.period, e.comparator == null ? null : BenchmarkComparator.valueOf(e.comparator),
                CauseResponse.plain(e.target), CauseResponse.plain(e.actual), e.n, EvaluationResult.valueOf(e.result),
                e.guardsDomains.isBlank() ? List.of()
                        : Arrays.stream(e.guardsDomains.split(",")).map(AutonomyDomain::valueOf).toList(),
                e.reinstateOnMet, e.grantsRevoked, e.grantsReinstated, e.receivedAt);
    }
}
