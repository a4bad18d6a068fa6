package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.BenchmarkEvaluation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Schema(description = "A benchmark evaluation received from contracts-service, and what it did to the school's grants")
public record BenchmarkEvaluationResponse(
        String eventId, UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId,
        @Schema(examples = "TEACHER_VACANCIES") String metricCode,
        @Schema(examples = "2026-27") String period,
        @Schema(examples = "LTE") String comparator,
        BigDecimal target, BigDecimal actual, Integer n,
        @Schema(examples = "MISSED") String result,
        List<String> guardsDomains, boolean reinstateOnMet,
        int grantsRevoked, int grantsReinstated, Instant receivedAt) {

    static BenchmarkEvaluationResponse of(BenchmarkEvaluation e) {
        return new BenchmarkEvaluationResponse(e.eventId, e.evaluationId, e.benchmarkId, e.contractId, e.schoolId,
                e.metricCode, e.period, e.comparator, CauseResponse.plain(e.target), CauseResponse.plain(e.actual), e.n,
                e.result, e.guardsDomains.isBlank() ? List.of() : Arrays.asList(e.guardsDomains.split(",")),
                e.reinstateOnMet, e.grantsRevoked, e.grantsReinstated, e.receivedAt);
    }
}
