package org.portfolio.performance.domain;

import org.portfolio.performance.domain.FrameworkDefinition.CategoryWeight;
import org.portfolio.performance.domain.FrameworkDefinition.CutPoint;
import org.portfolio.performance.domain.FrameworkDefinition.FrameworkMetric;
import org.portfolio.performance.domain.FrameworkDefinition.TierThreshold;
import org.portfolio.performance.domain.RatingResult.CategoryScore;
import org.portfolio.performance.domain.RatingResult.MetricScore;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Rates a school on a framework ("rate on the available weight"): each available metric earns the points of the
 * best cut point its value reaches; missing and suppressed metrics are left out of both the points and the
 * maximum; percent = 100 × points / available maximum; the tier is the best one whose threshold that share
 * reaches (compared exactly, before rounding). No rating when the available metrics weigh less than the framework's
 * minimum coverage.
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
        BigDecimal coverage = Decimals.percent(max, d.totalWeight(), 1);
        BigDecimal percent = Decimals.percent(total, max, 1);
        boolean rated = max.signum() > 0 && coverage.compareTo(framework.minimumCoveragePercent) >= 0;
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
}
