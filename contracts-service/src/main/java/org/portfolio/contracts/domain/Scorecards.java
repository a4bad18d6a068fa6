package org.portfolio.contracts.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The standing of each benchmark of a contract version: its status (the latest evaluation made against the
 * benchmark as it is defined now, or NOT_YET_EVALUATED), the last decisive result, and the trend of its metric over
 * every period known for the school, with whether it moves in the benchmark's better direction.
 */
public final class Scorecards {

    @Schema(name = "BenchmarkStatus", description = "Where a benchmark stands on the scorecard")
    public enum Status { MET, MISSED, NOT_YET_EVALUATED, INSUFFICIENT_DATA, MISSING_DATA }

    /** IMPROVING / DECLINING compare the last two unsuppressed values in the benchmark's better direction. */
    @Schema(name = "TrendDirection", description = "The metric's last move in the benchmark's better direction")
    public enum Direction { IMPROVING, DECLINING, STEADY, UNKNOWN }

    public record Point(String period, BigDecimal value, Integer n, boolean suppressed, Instant recordedAt) {
    }

    public record Standing(Benchmark benchmark, Status status, BenchmarkEvaluation latest,
                           BenchmarkEvaluation lastDecisive, List<Point> trend, Direction direction) {
    }

    private Scorecards() {
    }

    /**
     * @param evaluationsNewestFirst every evaluation of the contract, newest first
     * @param observations           the school's values of the benchmarks' metrics, any order
     */
    public static List<Standing> standings(List<Benchmark> benchmarks, List<BenchmarkEvaluation> evaluationsNewestFirst,
                                           List<MetricObservation> observations) {
        return benchmarks.stream().map(b -> standing(b, evaluationsNewestFirst, observations)).toList();
    }

    private static Standing standing(Benchmark b, List<BenchmarkEvaluation> evaluations, List<MetricObservation> observations) {
        BenchmarkEvaluation latest = evaluations.stream().filter(e -> e.measures(b)).findFirst().orElse(null);
        BenchmarkEvaluation decisive = evaluations.stream().filter(e -> e.measures(b) && e.isDecisive())
                .findFirst().orElse(null);
        Status status = latest == null ? Status.NOT_YET_EVALUATED : Status.valueOf(latest.result.name());
        List<Point> trend = observations.stream().filter(o -> o.metricCode.equals(b.metricCode))
                .sorted(java.util.Comparator.comparing(o -> o.period))
                .map(o -> new Point(o.period, o.value, o.n, o.suppressed, o.recordedAt)).toList();
        return new Standing(b, status, latest, decisive, trend, direction(trend, b.comparator));
    }

    static Direction direction(List<Point> trend, BenchmarkComparator comparator) {
        List<Point> usable = trend.stream().filter(p -> !p.suppressed() && p.value() != null).toList();
        if (usable.size() < 2) {
            return Direction.UNKNOWN;
        }
        int change = usable.get(usable.size() - 1).value().compareTo(usable.get(usable.size() - 2).value());
        if (change == 0) {
            return Direction.STEADY;
        }
        int better = comparator.betterDirection();
        if (better == 0) {
            return Direction.UNKNOWN;
        }
        return change * better > 0 ? Direction.IMPROVING : Direction.DECLINING;
    }

    public static Evidence.ContractStanding summary(Contract c, List<Standing> standings) {
        return new Evidence.ContractStanding(c.id, c.currentVersion, c.termStartYear, c.termEndYear, c.interventionLevel,
                count(standings, Status.MET), count(standings, Status.MISSED), count(standings, Status.NOT_YET_EVALUATED),
                count(standings, Status.INSUFFICIENT_DATA), count(standings, Status.MISSING_DATA));
    }

    private static int count(List<Standing> standings, Status s) {
        return (int) standings.stream().filter(x -> x.status() == s).count();
    }
}
