package org.portfolio.contracts.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ContractRulesTest {

    private static final ContractRules.Limits LIMITS =
            new ContractRules.Limits(5, MonthDay.of(6, 30), LocalDate.of(2026, 11, 23));

    private static SchoolYear y(String s) {
        return SchoolYear.parse(s);
    }

    @Test
    void aTermThatMakesSensePasses() {
        assertThat(ContractRules.termViolations(y("2026-27"), y("2030-31"), LIMITS)).isEmpty();
        // a term whose last year is the current one is not entirely in the past
        assertThat(ContractRules.termViolations(y("2022-23"), y("2026-27"), LIMITS)).isEmpty();
    }

    @Test
    void aTermIsRefusedWhenBackwardsTooLongOrOver() {
        assertThat(ContractRules.termViolations(y("2027-28"), y("2026-27"), LIMITS)).extracting(RuleViolation::message)
                .singleElement().asString().contains("before");
        assertThat(ContractRules.termViolations(y("2026-27"), y("2031-32"), LIMITS)).extracting(RuleViolation::message)
                .singleElement().asString().contains("at most 5");
        assertThat(ContractRules.termViolations(y("2023-24"), y("2025-26"), LIMITS)).extracting(RuleViolation::message)
                .singleElement().asString().contains("entirely in the past");
    }

    @Test
    void benchmarksMustLieInTheTermAndGuardProvidedDomains() {
        var people = new ProvisionSpec(null, AutonomyDomain.PEOPLE, AutonomyModel.FULL_WITH_EXPECTATIONS, "s", List.of(), null, null, null);
        var inTerm = new BenchmarkSpec(null, "ELA", BenchmarkComparator.GTE, BigDecimal.TEN, "2027-28",
                BenchmarkCategory.ACADEMIC, Set.of(AutonomyDomain.PEOPLE), InterventionLevel.NONE, false, null);
        var outside = new BenchmarkSpec(null, "ELA", BenchmarkComparator.GTE, BigDecimal.TEN, "2031-32",
                BenchmarkCategory.ACADEMIC, Set.of(AutonomyDomain.MONEY), InterventionLevel.NONE, false, null);
        assertThat(ContractRules.contentViolations(y("2026-27"), y("2030-31"), List.of(people), List.of(inTerm))).isEmpty();
        assertThat(ContractRules.contentViolations(y("2026-27"), y("2030-31"), List.of(people), List.of(outside)))
                .extracting(RuleViolation::field).containsExactly("benchmarks[0].period", "benchmarks[0].guardsDomains");
    }

    /** Ninth pass, N11: a comparator pointing against its metric's known direction; EQ and unknown metrics pass. */
    @Test
    void aComparatorAgainstItsMetricsKnownDirectionIsAViolationOnIt() {
        var known = java.util.Map.of("CHRONIC_ABSENTEEISM", MetricDirection.LOWER_IS_BETTER,
                "ELA_PROFICIENCY", MetricDirection.HIGHER_IS_BETTER);
        java.util.function.BiFunction<String, BenchmarkComparator, BenchmarkSpec> b = (metric, comparator) ->
                new BenchmarkSpec(null, metric, comparator, BigDecimal.TEN, "2027-28", BenchmarkCategory.ORGANIZATIONAL,
                        Set.of(), InterventionLevel.NOTICE_OF_CONCERN, false, null);
        var violations = ContractRules.directionViolations(List.of(
                b.apply("CHRONIC_ABSENTEEISM", BenchmarkComparator.LTE), b.apply("CHRONIC_ABSENTEEISM", BenchmarkComparator.GTE),
                b.apply("CHRONIC_ABSENTEEISM", BenchmarkComparator.GT), b.apply("CHRONIC_ABSENTEEISM", BenchmarkComparator.EQ),
                b.apply("ELA_PROFICIENCY", BenchmarkComparator.LT), b.apply("ELA_PROFICIENCY", BenchmarkComparator.GTE),
                b.apply("FAMILY_SURVEY_PARTICIPATION", BenchmarkComparator.LTE)), known);
        assertThat(violations).extracting(RuleViolation::field).containsExactly("benchmarks[1].comparator",
                "benchmarks[2].comparator", "benchmarks[4].comparator");
        assertThat(violations.get(0).message()).isEqualTo("CHRONIC_ABSENTEEISM is LOWER_IS_BETTER (as performance-service "
                + "defines it), but GTE is met by higher values: the schools doing worse would meet it and the better ones "
                + "miss it; compare with LTE or LT");
        assertThat(violations.get(2).message()).endsWith("compare with GTE or GT");
    }

    @Test
    void comparatorsCompareExactly() {
        assertThat(BenchmarkComparator.LTE.isMet(new BigDecimal("3.0"), new BigDecimal("3"))).isTrue();
        assertThat(BenchmarkComparator.LT.isMet(new BigDecimal("3"), new BigDecimal("3"))).isFalse();
        assertThat(BenchmarkComparator.EQ.isMet(new BigDecimal("0.10"), new BigDecimal("0.1"))).isTrue();
        assertThat(BenchmarkComparator.GT.isMet(new BigDecimal("45.01"), new BigDecimal("45"))).isTrue();
        assertThat(Numbers.normalize(new BigDecimal("30.000")).toPlainString()).isEqualTo("30");
        assertThat(Numbers.normalize(new BigDecimal("41.50")).toString()).isEqualTo("41.5");
    }

    @Test
    void theTrendDirectionFollowsTheBenchmarksBetterSide() {
        var up = List.of(new Scorecards.Point("2025-26", BigDecimal.ONE, null, false, null),
                new Scorecards.Point("2026-27", BigDecimal.TEN, null, false, null));
        assertThat(Scorecards.direction(up, BenchmarkComparator.GTE)).isEqualTo(Scorecards.Direction.IMPROVING);
        assertThat(Scorecards.direction(up, BenchmarkComparator.LTE)).isEqualTo(Scorecards.Direction.DECLINING);
        assertThat(Scorecards.direction(up.subList(0, 1), BenchmarkComparator.GTE)).isEqualTo(Scorecards.Direction.UNKNOWN);
    }
}
