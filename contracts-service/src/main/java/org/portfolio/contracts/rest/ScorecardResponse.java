package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.AutonomyDomain;
import org.portfolio.contracts.domain.AutonomyGrantState;
import org.portfolio.contracts.domain.AutonomyModel;
import org.portfolio.contracts.domain.BenchmarkCategory;
import org.portfolio.contracts.domain.BenchmarkComparator;
import org.portfolio.contracts.domain.BenchmarkEvaluation;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.EvaluationResult;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.OverdueAction;
import org.portfolio.contracts.domain.Scorecards;
import org.portfolio.contracts.service.ScorecardService;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

@Schema(description = "A contract's scorecard: each benchmark's target, latest actual, status and trend; the "
        + "intervention level and why; the school's autonomy grants as autonomy-service reports them; the school's "
        + "integrity flags as performance-service reports them (signals for oversight that change nothing here)",
        requiredProperties = {"contractId", "schoolId", "schoolName", "status", "version", "term", "summary", "intervention",
                "benchmarks", "autonomy", "integrityFlags"})
public record ScorecardResponse(UUID contractId, UUID schoolId, String schoolName,
                                @Schema(examples = "ACTIVE") ContractStatus status,
                                @Schema(examples = "1") int version, TermDto term, Summary summary,
                                Intervention intervention, List<BenchmarkLine> benchmarks, List<Autonomy> autonomy,
                                @Schema(description = "The school's integrity flags (performance-service), open ones "
                                        + "first, then newest first; empty when none was raised")
                                List<IntegrityFlag> integrityFlags) {

    @Schema(name = "ScorecardIntegrityFlag", description = "An integrity flag of the school: raised by performance-service "
            + "when data arrived (evidence as counts), OPEN until oversight resolves it (a resolution code; its note stays in "
            + "performance-service). It never changes a "
            + "benchmark, the intervention level or a grant",
            requiredProperties = {"flagId", "schoolYear", "rule", "scope", "status", "explanation"})
    public record IntegrityFlag(UUID flagId, @Schema(examples = "2026-27") String schoolYear,
                                @Schema(enumeration = {"LOW_PARTICIPATION", "HIGH_EXCLUSION", "YEAR_OVER_YEAR_CHANGE",
                                        "ENROLLMENT_DROP"}, examples = "LOW_PARTICIPATION", extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-shared-enum", value = "IntegrityRule")) String rule,
                                @Schema(description = "Subject, metric code, or empty for the school", examples = "MATH")
                                String scope,
                                @Schema(enumeration = {"OPEN", "RESOLVED"}, examples = "OPEN", extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-shared-enum", value = "IntegrityFlagStatus")) String status,
                                @Schema(description = "What the rule found, in words (absent if the event did not say)")
                                String reason,
                                @Schema(description = "The evidence as performance-service announced it: counts and "
                                        + "figures by name (absent if not announced)", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
                                java.util.Map<String, Object> evidence,
                                @Schema(description = "Absent when only the resolution was heard") Instant raisedAt,
                                @Schema(description = "Absent while OPEN") Instant resolvedAt,
                                @Schema(description = "Client that resolved it (absent while OPEN)") String resolvedBy,
                                @Schema(description = "How it was resolved, performance-service's resolution code "
                                        + "(absent while OPEN)", examples = "EXPLAINED") String resolutionCode,
                                @Schema(description = "Deprecated (issue 15): the resolution code again, never free text "
                                        + "(the note stays in performance-service); absent while OPEN", deprecated = true)
                                String resolutionNote,
                                @Schema(description = "The flag and what it means for the contract, in words")
                                String explanation) {
    }

    @Schema(name = "ScorecardSummary", description = "How many benchmarks stand where",
            requiredProperties = {"met", "missed", "notYetEvaluated", "insufficientData", "missingData"})
    public record Summary(int met, int missed, int notYetEvaluated, int insufficientData,
                          @Schema(description = "Benchmarks whose data did not come by the contract's grace period")
                          int missingData) {
    }

    @Schema(name = "ScorecardIntervention", description = "The intervention level, since when, and the last change's "
            + "reason, cause and decider (these three are absent while the level has never changed)",
            requiredProperties = {"level", "overdue"})
    public record Intervention(@Schema(examples = "NOTICE_OF_CONCERN") InterventionLevel level,
                               @Schema(description = "Since when the contract is at this level (absent at NONE)") LocalDate since,
                               @Schema(examples = "Benchmark TEACHER_VACANCIES 2026-27 missed: 7 > 3; a miss of this benchmark triggers NOTICE_OF_CONCERN")
                               String reason,
                               @Schema(examples = "BENCHMARK_MISSED") InterventionCauseKind causeKind,
                               @Schema(description = "Client id, or \"system\" for an evaluation", examples = "system") String decidedBy,
                               @Schema(description = "When the current step is due, as the contract's accountability "
                                       + "clock set it (absent: no due date)") LocalDate dueDate,
                               @Schema(description = "When the current step is reviewed (absent: no review date)")
                               LocalDate reviewDate,
                               @Schema(description = "The current step is past its due date") boolean overdue,
                               @Schema(description = "The step's dates in words, e.g. \"CORRECTIVE_ACTION_PLAN since "
                                       + "2026-09-10 was due on 2026-12-09 and is overdue by 3 days; the contract flags "
                                       + "an overdue step for oversight\" (absent without dates)") String clock) {
    }

    @Schema(name = "ScorecardBenchmark", description = "One benchmark's standing", requiredProperties = {"benchmarkId",
            "metricCode", "period", "category", "comparator", "target", "guardsDomains", "missTriggers", "status",
            "suppressed", "trend", "direction", "countsAsMiss"})
    public record BenchmarkLine(UUID benchmarkId,
                                @Schema(examples = "TEACHER_VACANCIES") String metricCode,
                                @Schema(examples = "2026-27") String period,
                                @Schema(examples = "ORGANIZATIONAL") BenchmarkCategory category,
                                @Schema(examples = "LTE") BenchmarkComparator comparator, BigDecimal target,
                                @Schema(description = "Autonomy domains revoked when it is missed") List<AutonomyDomain> guardsDomains,
                                @Schema(description = "The intervention level a miss triggers", examples = "NOTICE_OF_CONCERN")
                                InterventionLevel missTriggers,
                                @Schema(description = "MET, MISSED, NOT_YET_EVALUATED, INSUFFICIENT_DATA (the latest "
                                        + "value was suppressed: n below the framework's minimum) or MISSING_DATA (no "
                                        + "value came by the contract's grace period after the school year)", examples = "MISSED")
                                Scorecards.Status status,
                                @Schema(description = "The latest evaluation's value (absent before the first, and "
                                        + "when it was suppressed)", examples = "7") BigDecimal latestActual,
                                @Schema(description = "How many students the latest value rests on, if known") Integer n,
                                boolean suppressed,
                                @Schema(description = "When the latest evaluation was made (absent: NOT_YET_EVALUATED)")
                                Instant evaluatedAt, UUID evaluationId,
                                @Schema(description = "CloudEvents id of the MetricResultRecorded event whose value the "
                                        + "latest evaluation used (also for one made at activation or amendment)",
                                        format = "uuid") String sourceEventId,
                                @Schema(description = "The last MET/MISSED, when the latest evaluation had insufficient data")
                                EvaluationResult lastDecisiveResult,
                                @Schema(description = "The metric's values for the school over every period known, oldest first")
                                List<TrendPoint> trend,
                                @Schema(description = "Last two values compared in the benchmark's better direction", examples = "DECLINING")
                                Scorecards.Direction direction,
                                @Schema(description = "The latest evaluation in words, as the history records it, e.g. "
                                        + "\"Benchmark TEACHER_VACANCIES 2026-27 missed: 7 > 3\" or \"Benchmark "
                                        + "ELA_PROFICIENCY 2025-26 missed: no data reported by 2026-08-29; the contract "
                                        + "counts missing data as a miss\" (absent: NOT_YET_EVALUATED)") String explanation,
                                @Schema(description = "The latest evaluation had no usable value (INSUFFICIENT_DATA or "
                                        + "MISSING_DATA) and counts as a miss because the contract says so") boolean countsAsMiss,
                                @Schema(description = "MISSING_DATA: the day by which a value was due") LocalDate dataDueBy,
                                @Schema(description = "Present when the comparator points against the metric's better "
                                        + "direction as performance-service defined the metric (a benchmark written "
                                        + "before contracts knew the direction): the schools doing worse meet it and the "
                                        + "better ones miss it. It is still evaluated as written; amend it.",
                                        examples = "CHRONIC_ABSENTEEISM is LOWER_IS_BETTER (as performance-service defines "
                                                + "it), but GTE is met by higher values: the schools doing worse would meet "
                                                + "it and the better ones miss it; compare with LTE or LT")
                                String directionConflict) {
    }

    @Schema(name = "ScorecardTrendPoint", description = "A value of the metric for one period (a suppressed one has no value)",
            requiredProperties = {"period", "suppressed"})
    public record TrendPoint(@Schema(examples = "2025-26") String period, BigDecimal value, Integer n, boolean suppressed) {
    }

    @Schema(name = "ScorecardAutonomy", description = "An autonomy grant of the school (from autonomy-service's events)",
            requiredProperties = {"grantId", "domain", "status", "since", "explanation"})
    public record Autonomy(UUID grantId, @Schema(examples = "PEOPLE") AutonomyDomain domain,
                           @Schema(description = "Absent if the events did not say", examples = "FULL_WITH_EXPECTATIONS")
                           AutonomyModel model,
                           @Schema(description = "As announced: AutonomyGranted and AutonomyReinstated → ACTIVE, "
                                   + "AutonomyRevoked → REVOKED (a benchmark missed, or by hand) or PENDING (cause "
                                   + "RATING_FELL: EARNED autonomy that fell back because the school's ratings fell "
                                   + "below the contract's criteria; pending eligibility again), AutonomyEnded → ENDED",
                                   examples = "REVOKED", enumeration = {"ACTIVE", "PENDING", "REVOKED", "ENDED"},
                                   extensions = @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = "x-shared-enum", value = "GrantStatus")) String status,
                           @Schema(description = "When the last announced change happened") Instant since,
                           @Schema(description = "The announced cause in one line", examples = "AutonomyRevoked: kind BENCHMARK_MISSED, metricCode TEACHER_VACANCIES, target 3, actual 7")
                           String cause,
                           @Schema(description = "The ratings the cause names, latest first: those that made EARNED "
                                   + "autonomy fall back (PENDING) or that earned it (ACTIVE); absent for other causes")
                           List<UUID> ratingIds,
                           @Schema(description = "The state and its cause in words", examples = "EARNED MONEY autonomy "
                                   + "fell back on 2027-09-15: the school's ratings fell below the contract's criteria "
                                   + "(Rated below MEETS for 2 consecutive school year(s): 2026-27 APPROACHING, 2025-26 "
                                   + "DOES_NOT_MEET; ratings 8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1b, "
                                   + "9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2c). The district decides until the ratings earn it again.")
                           String explanation) {
    }

    static ScorecardResponse of(ScorecardService.Scorecard s, MonthDay lastDay, LocalDate today, ZoneId zone) {
        var c = s.contract();
        List<BenchmarkLine> lines = s.standings().stream()
                .map(st -> line(st, s.directionConflict(st.benchmark().benchmarkId))).toList();
        InterventionChange last = s.lastInterventionChange();
        return new ScorecardResponse(c.id, c.schoolId(), c.school.name, c.status, c.currentVersion,
                ContractResponse.term(s.version().termStartYear, s.version().termEndYear, lastDay),
                new Summary(count(lines, Scorecards.Status.MET), count(lines, Scorecards.Status.MISSED),
                        count(lines, Scorecards.Status.NOT_YET_EVALUATED), count(lines, Scorecards.Status.INSUFFICIENT_DATA),
                        count(lines, Scorecards.Status.MISSING_DATA)),
                new Intervention(c.interventionLevel, c.interventionSince, last == null ? null : last.reason,
                        last == null ? null : last.causeKind, last == null ? null : last.decidedBy, c.interventionDueDate,
                        c.interventionReviewDate, overdue(c, today), clock(c, s.version().accountabilityTerms(), today)),
                lines, s.autonomy().stream().map(g -> autonomy(g, zone)).toList(),
                s.integrityFlags().stream().map(ScorecardResponse::integrityFlag).toList());
    }

    private static BenchmarkLine line(Scorecards.Standing st, String directionConflict) {
        var b = st.benchmark();
        BenchmarkEvaluation e = st.latest();
        return new BenchmarkLine(b.benchmarkId, b.metricCode, b.period, b.category, b.comparator, b.target,
                b.guardsDomains.stream().sorted().toList(), b.missTriggers, st.status(),
                e == null ? null : e.actual, e == null ? null : e.n, e != null && e.suppressed,
                e == null ? null : e.evaluatedAt, e == null ? null : e.id, e == null ? null : e.sourceEventId,
                st.lastDecisive() == null ? null : st.lastDecisive().result,
                st.trend().stream().map(p -> new TrendPoint(p.period(), p.value(), p.n(), p.suppressed())).toList(),
                st.direction(), e == null ? null : e.describe(), e != null && e.countsAsMiss,
                e == null ? null : e.dataDueBy, directionConflict);
    }

    private static boolean overdue(org.portfolio.contracts.domain.Contract c, LocalDate today) {
        return c.status == ContractStatus.ACTIVE && c.interventionDueDate != null && c.interventionDueDate.isBefore(today);
    }

    /** The current step's dates in words. */
    private static String clock(org.portfolio.contracts.domain.Contract c, AccountabilityTerms terms, LocalDate today) {
        if (c.interventionDueDate == null && c.interventionReviewDate == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(c.interventionLevel + " since " + c.interventionSince);
        if (c.interventionReviewDate != null) {
            sb.append(c.interventionReviewDate.isBefore(today) ? "; review was due on " : "; review on ")
                    .append(c.interventionReviewDate);
        }
        if (c.interventionDueDate != null) {
            if (overdue(c, today)) {
                long days = java.time.temporal.ChronoUnit.DAYS.between(c.interventionDueDate, today);
                sb.append("; was due on ").append(c.interventionDueDate).append(" and is overdue by ").append(days)
                        .append(days == 1 ? " day" : " days").append(terms.overdueStep() == OverdueAction.ESCALATE
                                && c.interventionLevel.next() != c.interventionLevel
                                ? "; the contract escalates an overdue step one level"
                                : "; the contract flags an overdue step for oversight");
            } else {
                sb.append("; due on ").append(c.interventionDueDate);
            }
        }
        return sb.toString();
    }

    private static Autonomy autonomy(AutonomyGrantState g, ZoneId zone) {
        List<UUID> ratings = g.causeRatingIds == null || g.causeRatingIds.isBlank() ? null
                : java.util.Arrays.stream(g.causeRatingIds.split(",")).map(UUID::fromString).toList();
        return new Autonomy(g.grantId, AutonomyDomain.valueOf(g.domain), g.model == null ? null : AutonomyModel.valueOf(g.model),
                g.status, g.since, g.causeSummary, ratings, explanation(g, ratings, zone));
    }

    /** The grant's announced state and its cause in words; a fall back names the ratings. */
    static String explanation(AutonomyGrantState g, List<UUID> ratings, ZoneId zone) {
        String on = g.since == null ? "?" : LocalDate.ofInstant(g.since, zone).toString();
        String model = g.model == null ? "" : g.model + " ";
        String what = model + g.domain + " autonomy";
        String why = g.causeDescription != null ? g.causeDescription : g.causeSummary;
        String ids = ratings == null ? "" : "; ratings " + String.join(", ", ratings.stream().map(UUID::toString).toList());
        return switch (g.status) {
            case "PENDING" -> what + " fell back on " + on + ": the school's ratings fell below the contract's criteria"
                    + (why == null ? "" : " (" + why + ids + ")") + ". The district decides until the ratings earn it again.";
            case "ACTIVE" -> what + " in force since " + on + ("RATING_QUALIFIED".equals(g.causeKind)
                    ? ": earned by the school's ratings" : "") + (why == null ? "" : " (" + why + ids + ")") + ".";
            case "REVOKED" -> what + " revoked on " + on + (why == null ? "" : " (" + why + ")")
                    + ". The district decides until it is reinstated.";
            case "ENDED" -> what + " ended on " + on + (why == null ? "" : " (" + why + ")") + ".";
            default -> what + ": " + g.status + " since " + on + ".";
        };
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @SuppressWarnings("unchecked")
    private static IntegrityFlag integrityFlag(org.portfolio.contracts.domain.IntegrityFlagState f) {
        java.util.Map<String, Object> evidence = null;
        if (f.evidence != null) {
            try {
                evidence = JSON.readValue(f.evidence, java.util.LinkedHashMap.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                evidence = null; // stored from a JSON object: cannot happen; shown without it then
            }
        }
        String what = f.rule + (f.scope.isEmpty() ? "" : " " + f.scope) + " " + f.schoolYear
                + (f.reason == null ? "" : ": " + f.reason);
        String explanation = "OPEN".equals(f.status)
                ? what + ". An integrity signal for oversight to review: it changes no benchmark, no intervention and no "
                        + "autonomy; it stays open until oversight resolves it"
                : what + ". Resolved by " + f.resolvedBy + " on " + f.resolvedAt + " (" + f.resolutionCode + ")"
                        + ". It changed no benchmark, no intervention and no autonomy";
        return new IntegrityFlag(f.flagId, f.schoolYear, f.rule, f.scope, f.status, f.reason, evidence, f.raisedAt,
                f.resolvedAt, f.resolvedBy, f.resolutionCode, f.resolutionCode, explanation);
    }

    private static int count(List<BenchmarkLine> lines, Scorecards.Status s) {
        return (int) lines.stream().filter(l -> l.status() == s).count();
    }
}
