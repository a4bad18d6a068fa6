package org.portfolio.performance.domain;

import org.portfolio.performance.domain.FrameworkDefinition.CategoryWeight;
import org.portfolio.performance.domain.FrameworkDefinition.CutPoint;
import org.portfolio.performance.domain.FrameworkDefinition.FrameworkMetric;
import org.portfolio.performance.domain.FrameworkDefinition.TierThreshold;
import org.portfolio.performance.domain.RatingResult.CategoryScore;
import org.portfolio.performance.domain.RatingResult.MetricScore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rates a school on a framework ("rate on the available weight"): each available metric earns the points of the
 * best cut point its value reaches; missing and suppressed metrics are left out of both the points and the
 * maximum; percent = 100 × points / available maximum; the tier is the best one whose threshold that share
 * reaches (compared exactly, before rounding). No rating when the available metrics weigh less than the framework's
 * minimum coverage (compared exactly too). Percent and coverage are shown at one decimal, rounded so that they never
 * read as reaching a tier or the minimum coverage that the exact share does not reach ({@link #shown}).
 */
public final class RatingCalculator {

    private RatingCalculator() {
    }

    public static BigDecimal points(CutPoint[] cuts, boolean higherIsBetter, BigDecimal value) {
        BigDecimal best = BigDecimal.ZERO;
        for (CutPoint c : cuts) {
            boolean reached = higherIsBetter ? value.compareTo(c.threshold()) >= 0 : value.compareTo(c.threshold()) <= 0;
            if (reached && c.points().compareTo(best) > 0) {
                best = c.points();
            }
        }
        return best;
    }

    public static RatingResult rate(Framework framework, Map<String, MetricDefinition> catalog,
                                    Map<String, MetricSnapshot> values) {
        FrameworkDefinition d = framework.definition;
        Map<MetricCategory, BigDecimal[]> cat = new EnumMap<>(MetricCategory.class); // points, available max
        for (CategoryWeight c : d.categories()) {
            cat.put(c.category(), new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        }
        List<MetricScore> scores = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> suppressed = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal max = BigDecimal.ZERO;
        for (FrameworkMetric m : d.metrics()) {
            MetricDefinition def = catalog.get(m.metricCode());
            MetricSnapshot v = values.get(m.metricCode());
            if (v == null) {
                missing.add(m.metricCode());
                scores.add(new MetricScore(m.metricCode(), def.category, null, null, null, m.weight(), false, true));
                continue;
            }
            if (v.suppressed()) {
                suppressed.add(m.metricCode());
                scores.add(new MetricScore(m.metricCode(), def.category, Decimals.clean(v.value()), v.n(), null, m.weight(), true,
                        false));
                continue;
            }
            BigDecimal p = points(m.cutPoints().toArray(CutPoint[]::new), def.higherIsBetter(), v.value());
            scores.add(new MetricScore(m.metricCode(), def.category, Decimals.clean(v.value()), v.n(), Decimals.clean(p),
                    m.weight(), false, false));
            BigDecimal[] c = cat.get(def.category);
            c[0] = c[0].add(p);
            c[1] = c[1].add(m.weight());
            total = total.add(p);
            max = max.add(m.weight());
        }
        List<CategoryScore> categories = new ArrayList<>();
        for (CategoryWeight c : d.categories()) {
            BigDecimal[] s = cat.get(c.category());
            categories.add(new CategoryScore(c.category(), Decimals.clean(s[0]), Decimals.clean(s[1]),
                    Decimals.percent(s[0], s[1], 1), Decimals.clean(c.weight())));
        }
        // compared exactly, not on the rounded share: 49.95 % of the weight is below a minimum of 50
        boolean rated = max.signum() > 0
                && max.multiply(Decimals.HUNDRED).compareTo(framework.minimumCoveragePercent.multiply(d.totalWeight())) >= 0;
        BigDecimal coverage = shown(max, d.totalWeight(), List.of(framework.minimumCoveragePercent));
        BigDecimal percent = shown(total, max, d.tiers().stream().map(TierThreshold::minimumPercent).toList());
        RatingTier tier = null;
        String reason = null;
        if (rated) {
            for (TierThreshold t : d.tiers()) {
                // exact: 100 × total ≥ threshold × max
                if (total.multiply(Decimals.HUNDRED).compareTo(t.minimumPercent().multiply(max)) >= 0) {
                    tier = t.tier();
                    break;
                }
            }
        } else {
            reason = "The available metrics cover " + coverage + "% of the framework's weight; at least "
                    + Decimals.clean(framework.minimumCoveragePercent) + "% is needed for a rating";
        }
        return new RatingResult(rated, tier, Decimals.clean(total), Decimals.clean(max), percent, coverage, categories,
                scores, missing, suppressed, reason);
    }

    /**
     * 100 × part / whole as shown: rounded half up to one decimal, unless that would reach a threshold the exact share
     * does not (79.96 % is not "80.0" beside MEETS when EXCEEDS starts at 80; 49.95 % of the weight is not "50.0"
     * beside a minimum coverage of 50), then rounded down (79.9, 49.9).
     */
    static BigDecimal shown(BigDecimal part, BigDecimal whole, List<BigDecimal> thresholds) {
        BigDecimal rounded = Decimals.percent(part, whole, 1);
        if (rounded == null) {
            return null;
        }
        for (BigDecimal t : thresholds) {
            boolean reached = part.multiply(Decimals.HUNDRED).compareTo(t.multiply(whole)) >= 0;
            if (!reached && rounded.compareTo(t) >= 0) {
                return Decimals.clean(part.multiply(Decimals.HUNDRED).divide(whole, 1, RoundingMode.DOWN));
            }
        }
        return rounded;
    }
}
