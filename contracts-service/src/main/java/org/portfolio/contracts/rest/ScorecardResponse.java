package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.AutonomyGrantState;
import org.portfolio.contracts.domain.BenchmarkEvaluation;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.EvaluationResult;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.Scorecards;
import org.portfolio.contracts.service.ScorecardService;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

@Schema(description = "A contract's scorecard: each benchmark's target, latest actual, status and trend; the "
        + "intervention level and why; the school's autonomy grants as autonomy-service reports them")
public record ScorecardResponse(UUID contractId, UUID schoolId, String schoolName,
                                @Schema(examples = "ACTIVE") ContractStatus status,
                                @Schema(examples = "1") int version, TermDto term, Summary summary,
                                Intervention intervention, List<BenchmarkLine> benchmarks, List<Autonomy> autonomy) {

    @Schema(name = "ScorecardSummary", description = "How many benchmarks stand where")
    public record Summary(int met, int missed, int notYetEvaluated, int insufficientData) {
    }

    @Schema(name = "ScorecardIntervention", description = "The intervention level, since when, and the last change's reason")
    public record Intervention(@Schema(examples = "NOTICE_OF_CONCERN") InterventionLevel level, LocalDate since,
                               @Schema(examples = "Benchmark TEACHER_VACANCIES 2026-27 missed: 7 > 3; a miss of this benchmark triggers NOTICE_OF_CONCERN")
                               String reason, String causeKind, String decidedBy) {
    }

    @Schema(name = "ScorecardBenchmark", description = "One benchmark's standing")
    public record BenchmarkLine(UUID benchmarkId, String metricCode, String period, String category,
                                @Schema(examples = "LTE") String comparator, BigDecimal target,
                                List<String> guardsDomains, String missTriggers,
                                @Schema(description = "MET, MISSED, NOT_YET_EVALUATED or INSUFFICIENT_DATA (the latest "
                                        + "value was suppressed: n below the framework's minimum)", examples = "MISSED")
                                Scorecards.Status status,
                                @Schema(examples = "7") BigDecimal latestActual, Integer n, boolean suppressed,
                                Instant evaluatedAt, UUID evaluationId,
                                @Schema(description = "The MetricResultRecorded event behind the latest evaluation") String sourceEventId,
                                @Schema(description = "The last MET/MISSED, when the latest evaluation had insufficient data")
                                EvaluationResult lastDecisiveResult,
                                @Schema(description = "The metric's values for the school over every period known, oldest first")
                                List<TrendPoint> trend,
                                @Schema(description = "Last two values compared in the benchmark's better direction", examples = "DECLINING")
                                Scorecards.Direction direction) {
    }

    @Schema(name = "ScorecardTrendPoint", description = "A value of the metric for one period")
    public record TrendPoint(@Schema(examples = "2025-26") String period, BigDecimal value, Integer n, boolean suppressed) {
    }

    @Schema(name = "ScorecardAutonomy", description = "An autonomy grant of the school (from autonomy-service's events)")
    public record Autonomy(UUID grantId, @Schema(examples = "PEOPLE") String domain, String model,
                           @Schema(examples = "REVOKED") String status, Instant since, String cause) {
    }

    static ScorecardResponse of(ScorecardService.Scorecard s, MonthDay lastDay) {
        var c = s.contract();
        List<BenchmarkLine> lines = s.standings().stream().map(ScorecardResponse::line).toList();
        InterventionChange last = s.lastInterventionChange();
        return new ScorecardResponse(c.id, c.schoolId(), c.school.name, c.status, c.currentVersion,
                ContractResponse.term(s.version().termStartYear, s.version().termEndYear, lastDay),
                new Summary(count(lines, Scorecards.Status.MET), count(lines, Scorecards.Status.MISSED),
                        count(lines, Scorecards.Status.NOT_YET_EVALUATED), count(lines, Scorecards.Status.INSUFFICIENT_DATA)),
                new Intervention(c.interventionLevel, c.interventionSince, last == null ? null : last.reason,
                        last == null ? null : last.causeKind.name(), last == null ? null : last.decidedBy),
                lines, s.autonomy().stream().map(ScorecardResponse::autonomy).toList());
    }

    private static BenchmarkLine line(Scorecards.Standing st) {
        var b = st.benchmark();
        BenchmarkEvaluation e = st.latest();
        return new BenchmarkLine(b.benchmarkId, b.metricCode, b.period, b.category.name(), b.comparator.name(), b.target,
                b.guardsDomains.stream().sorted().map(Enum::name).toList(), b.missTriggers.name(), st.status(),
                e == null ? null : e.actual, e == null ? null : e.n, e != null && e.suppressed,
                e == null ? null : e.evaluatedAt, e == null ? null : e.id, e == null ? null : e.sourceEventId,
                st.lastDecisive() == null ? null : st.lastDecisive().result,
                st.trend().stream().map(p -> new TrendPoint(p.period(), p.value(), p.n(), p.suppressed())).toList(),
                st.direction());
    }

    private static Autonomy autonomy(AutonomyGrantState g) {
        return new Autonomy(g.grantId, g.domain, g.model, g.status, g.since, g.causeSummary);
    }

    private static int count(List<BenchmarkLine> lines, Scorecards.Status s) {
        return (int) lines.stream().filter(l -> l.status() == s).count();
    }
}
