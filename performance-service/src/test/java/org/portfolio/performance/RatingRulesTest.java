package org.portfolio.performance;

import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkDefinition;
import org.portfolio.performance.domain.FrameworkDefinition.CategoryWeight;
import org.portfolio.performance.domain.FrameworkDefinition.CutPoint;
import org.portfolio.performance.domain.FrameworkDefinition.FrameworkMetric;
import org.portfolio.performance.domain.FrameworkDefinition.TierThreshold;
import org.portfolio.performance.domain.FrameworkRules;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.domain.RatingCalculator;
import org.portfolio.performance.domain.RatingResult;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.StudentAggregates;
import org.portfolio.performance.domain.Violation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure domain rules: framework validation, points and tiers, medians, school years. */
class RatingRulesTest {

    static final Map<String, MetricDefinition> CATALOG = Map.of(
            "PROF", MetricDefinition.define("PROF", "Proficiency", MetricCategory.ACADEMIC, MetricDirection.HIGHER_IS_BETTER,
                    MetricUnit.PERCENT, null, MetricComputation.ASSESSMENT_PROFICIENCY, List.of("ELA"), java.time.Instant.EPOCH),
            "ABS", MetricDefinition.define("ABS", "Absenteeism", MetricCategory.ORGANIZATIONAL, MetricDirection.LOWER_IS_BETTER,
                    MetricUnit.PERCENT, null, MetricComputation.CHRONIC_ABSENTEEISM, null, java.time.Instant.EPOCH));

    static BigDecimal d(double v) {
        return BigDecimal.valueOf(v);
    }

    static FrameworkDefinition framework(List<CutPoint> prof, List<CutPoint> abs) {
        return new FrameworkDefinition(
                List.of(new CategoryWeight(MetricCategory.ACADEMIC, d(60)), new CategoryWeight(MetricCategory.ORGANIZATIONAL, d(40))),
                List.of(new FrameworkMetric("PROF", d(60), null, prof), new FrameworkMetric("ABS", d(40), null, abs)),
                List.of(new TierThreshold(RatingTier.EXCEEDS, d(80)), new TierThreshold(RatingTier.MEETS, d(60)),
                        new TierThreshold(RatingTier.APPROACHING, d(40)), new TierThreshold(RatingTier.DOES_NOT_MEET, d(0))));
    }

    static final List<CutPoint> PROF = List.of(new CutPoint(d(30), d(20)), new CutPoint(d(50), d(40)), new CutPoint(d(70), d(60)));
    static final List<CutPoint> ABS = List.of(new CutPoint(d(10), d(40)), new CutPoint(d(20), d(20)));

    @Test
    void aValidFrameworkBreaksNoRule() {
        assertThat(FrameworkRules.check(framework(PROF, ABS), CATALOG)).isEmpty();
    }

    @Test
    void cutPointsMustRiseInTheMetricsGoodDirectionUpToItsWeight() {
        List<Violation> v = FrameworkRules.check(framework(
                List.of(new CutPoint(d(30), d(40)), new CutPoint(d(50), d(20))),
                List.of(new CutPoint(d(10), d(20)), new CutPoint(d(20), d(40)), new CutPoint(d(15), d(10)))), CATALOG);
        assertThat(v).extracting(Violation::field).contains("metrics[0].cutPoints[1].points", "metrics[0].cutPoints",
                "metrics[1].cutPoints[1].points", "metrics[1].cutPoints[2].threshold");
        assertThat(FrameworkRules.check(framework(List.of(new CutPoint(d(130), d(60))), ABS), CATALOG))
                .extracting(Violation::message).anyMatch(m -> m.startsWith("must be between 0 and 100"));
    }

    @Test
    void pointsFollowTheBestCutPointReachedInEitherDirection() {
        CutPoint[] prof = PROF.toArray(CutPoint[]::new);
        assertThat(RatingCalculator.points(prof, true, d(29.9))).isEqualByComparingTo("0");
        assertThat(RatingCalculator.points(prof, true, d(50))).isEqualByComparingTo("40");
        assertThat(RatingCalculator.points(prof, true, d(99))).isEqualByComparingTo("60");
        CutPoint[] abs = ABS.toArray(CutPoint[]::new);
        assertThat(RatingCalculator.points(abs, false, d(5))).isEqualByComparingTo("40");
        assertThat(RatingCalculator.points(abs, false, d(20))).isEqualByComparingTo("20");
        assertThat(RatingCalculator.points(abs, false, d(20.1))).isEqualByComparingTo("0");
    }

    @Test
    void aRatingIsOnTheAvailableWeightAndNeedsTheMinimumCoverage() {
        Framework f = Framework.draft("2030-31", 1, "t", null, 10, (short) 3, d(50), framework(PROF, ABS), "test", java.time.Instant.EPOCH);
        UUID s = UUID.randomUUID();
        MetricSnapshot prof = new MetricSnapshot(s, "2030-31", "PROF", d(55), 40, false, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now());
        MetricSnapshot absSuppressed = new MetricSnapshot(s, "2030-31", "ABS", d(5), 4, true, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now());
        RatingResult r = RatingCalculator.rate(f, CATALOG, Map.of("PROF", prof, "ABS", absSuppressed));
        // 40 of the 60 available points (ABS suppressed): 66.7% → MEETS, coverage 60%
        assertThat(r.rated()).isTrue();
        assertThat(r.totalPoints()).isEqualByComparingTo("40");
        assertThat(r.maxPoints()).isEqualByComparingTo("60");
        assertThat(r.percent()).isEqualByComparingTo("66.7");
        assertThat(r.tier()).isEqualTo(RatingTier.MEETS);
        assertThat(r.coveragePercent()).isEqualByComparingTo("60");
        assertThat(r.suppressed()).containsExactly("ABS");

        RatingResult onlyAbs = RatingCalculator.rate(f, CATALOG, Map.of("ABS", new MetricSnapshot(s, "2030-31", "ABS", d(5), 40,
                false, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now())));
        assertThat(onlyAbs.rated()).isFalse();
        assertThat(onlyAbs.tier()).isNull();
        assertThat(onlyAbs.missing()).containsExactly("PROF");
        assertThat(onlyAbs.notRatedReason()).contains("40% of the framework's weight");
    }

    @Test
    void theTierComparesTheExactShareNotTheRoundedOne() {
        // 59.96% rounds to 60.0 but is below MEETS' 60
        FrameworkDefinition def = new FrameworkDefinition(List.of(new CategoryWeight(MetricCategory.ACADEMIC, d(100))),
                List.of(new FrameworkMetric("PROF", d(100), null, List.of(new CutPoint(d(10), d(59.96)), new CutPoint(d(90), d(100))))),
                framework(PROF, ABS).tiers());
        Framework f = Framework.draft("2030-31", 1, "t", null, 10, (short) 3, d(50), def, "test", java.time.Instant.EPOCH);
        RatingResult r = RatingCalculator.rate(f, CATALOG, Map.of("PROF", new MetricSnapshot(UUID.randomUUID(), "2030-31",
                "PROF", d(50), 40, false, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now())));
        // shown 59.9, not "60" beside APPROACHING (eighth pass: the percent read as the tier it missed)
        assertThat(r.percent()).isEqualByComparingTo("59.9");
        assertThat(r.tier()).isEqualTo(RatingTier.APPROACHING);
    }

    @Test
    void theCoverageComparesTheExactShareAndIsNotShownAsTheMinimumItMisses() {
        // the framework weighs 2000; the available metric 999 of it: 49.95 %, below the minimum of 50 (it was rounded
        // to 50.0 first, and rated)
        FrameworkDefinition def = new FrameworkDefinition(
                List.of(new CategoryWeight(MetricCategory.ACADEMIC, d(999)), new CategoryWeight(MetricCategory.ORGANIZATIONAL, d(1001))),
                List.of(new FrameworkMetric("PROF", d(999), null, List.of(new CutPoint(d(10), d(999)))),
                        new FrameworkMetric("ABS", d(1001), null, List.of(new CutPoint(d(10), d(1001))))),
                framework(PROF, ABS).tiers());
        Framework f = Framework.draft("2030-31", 1, "t", null, 10, (short) 3, d(50), def, "test", java.time.Instant.EPOCH);
        UUID s = UUID.randomUUID();
        RatingResult r = RatingCalculator.rate(f, CATALOG, Map.of("PROF", new MetricSnapshot(s, "2030-31", "PROF", d(50), 40,
                false, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now())));
        assertThat(r.rated()).isFalse();
        assertThat(r.tier()).isNull();
        assertThat(r.coveragePercent()).isEqualByComparingTo("49.9");
        assertThat(r.notRatedReason()).contains("cover 49.9% of the framework's weight; at least 50% is needed");
        // the other metric alone: 50.05 %, rated, shown 50.1 as before
        RatingResult abs = RatingCalculator.rate(f, CATALOG, Map.of("ABS", new MetricSnapshot(s, "2030-31", "ABS", d(5), 40,
                false, MetricSource.AGGREGATED, UUID.randomUUID(), Instant.now())));
        assertThat(abs.rated()).isTrue();
        assertThat(abs.coveragePercent()).isEqualByComparingTo("50.1");
    }

    @Test
    void theMedianGrowthPercentileAveragesTheTwoMiddleValues() {
        StudentAggregates a = new StudentAggregates();
        a.addGrowth("ELA", 40, 1);
        a.addGrowth("ELA", 50, 1);
        a.addGrowth("MATH", 60, 1);
        assertThat(a.medianGrowth(List.of("ELA", "MATH")).value()).isEqualByComparingTo("50");
        a.addGrowth("MATH", 61, 1);
        assertThat(a.medianGrowth(List.of("ELA", "MATH")).value()).isEqualByComparingTo("55");
        assertThat(a.medianGrowth(List.of("ELA", "MATH")).n()).isEqualTo(4);
        assertThat(a.medianGrowth(List.of("SCIENCE"))).isNull();
        a.addLevel("ELA", 2, 3);
        a.addLevel("ELA", 3, 1);
        assertThat(a.proficiency(List.of("ELA"), 3)).containsExactly(4, 1);
    }

    @Test
    void schoolYearsAreTwoConsecutiveYears() {
        assertThat(SchoolYear.isValid("2026-27")).isTrue();
        assertThat(SchoolYear.isValid("2099-00")).isTrue();
        assertThat(SchoolYear.problem("2026-28")).contains("consecutive");
        assertThat(SchoolYear.problem("2026")).contains("like 2026-27");
        assertThat(SchoolYear.previous("2026-27")).isEqualTo("2025-26");
    }
}
