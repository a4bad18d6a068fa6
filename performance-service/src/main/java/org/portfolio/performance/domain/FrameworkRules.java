package org.portfolio.performance.domain;

import org.portfolio.performance.domain.FrameworkDefinition.CategoryWeight;
import org.portfolio.performance.domain.FrameworkDefinition.CutPoint;
import org.portfolio.performance.domain.FrameworkDefinition.FrameworkMetric;
import org.portfolio.performance.domain.FrameworkDefinition.TierThreshold;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a framework must keep, with an error per broken rule (JSON path of the field and what is wrong):
 * category weights add up to 100 and each category's metrics add up to its weight; every metric is defined and
 * listed once; cut points have strictly increasing thresholds within the unit's range, and points that grow in the
 * metric's good direction up to its full weight; the four tiers are listed best first with strictly decreasing
 * thresholds ending at 0.
 */
public final class FrameworkRules {

    static final BigDecimal FULL = BigDecimal.valueOf(100);

    private FrameworkRules() {
    }

    public static List<Violation> check(FrameworkDefinition d, Map<String, MetricDefinition> catalog) {
        return check(d, catalog, null);
    }

    /**
     * @param minimumN the framework's minimum n: a metric about students (ACADEMIC, or computed from student records)
     *                 may raise it for itself, never lower it (hostile review of the twenty-fifth pass, P2: ELA_PROFICIENCY
     *                 with a minimum n of 1 published one student's result); null: not checked
     */
    public static List<Violation> check(FrameworkDefinition d, Map<String, MetricDefinition> catalog, Integer minimumN) {
        List<Violation> out = new ArrayList<>();
        if (d == null) {
            out.add(new Violation("definition", "must not be empty"));
            return out;
        }
        Map<MetricCategory, BigDecimal> categoryWeight = new EnumMap<>(MetricCategory.class);
        Map<MetricCategory, Integer> categoryIndex = new EnumMap<>(MetricCategory.class);
        List<CategoryWeight> categories = d.categories() == null ? List.of() : d.categories();
        if (categories.isEmpty()) {
            out.add(new Violation("categories", "must list at least one category with its weight"));
        }
        BigDecimal categorySum = BigDecimal.ZERO;
        for (int i = 0; i < categories.size(); i++) {
            CategoryWeight c = categories.get(i);
            String at = "categories[" + i + "]";
            if (c == null || c.category() == null) {
                out.add(new Violation(at + ".category", "must not be null"));
                continue;
            }
            if (categoryWeight.containsKey(c.category())) {
                out.add(new Violation(at + ".category", c.category() + " is listed twice"));
                continue;
            }
            if (c.weight() == null || c.weight().signum() <= 0) {
                out.add(new Violation(at + ".weight", "must be more than 0"));
                continue;
            }
            categoryWeight.put(c.category(), c.weight());
            categoryIndex.put(c.category(), i);
            categorySum = categorySum.add(c.weight());
        }
        if (!categories.isEmpty() && categorySum.compareTo(FULL) != 0 && out.isEmpty()) {
            out.add(new Violation("categories", "category weights add up to " + Decimals.clean(categorySum)
                    + "; they must add up to 100"));
        }

        List<FrameworkMetric> metrics = d.metrics() == null ? List.of() : d.metrics();
        if (metrics.isEmpty()) {
            out.add(new Violation("metrics", "must list at least one metric"));
        }
        Set<String> seen = new HashSet<>();
        Map<MetricCategory, BigDecimal> metricSum = new EnumMap<>(MetricCategory.class);
        for (int i = 0; i < metrics.size(); i++) {
            FrameworkMetric m = metrics.get(i);
            String at = "metrics[" + i + "]";
            if (m == null || m.metricCode() == null) {
                out.add(new Violation(at + ".metricCode", "must not be null"));
                continue;
            }
            MetricDefinition def = catalog.get(m.metricCode());
            if (def == null) {
                out.add(new Violation(at + ".metricCode", "unknown metric " + m.metricCode()));
                continue;
            }
            if (!seen.add(m.metricCode())) {
                out.add(new Violation(at + ".metricCode", m.metricCode() + " is listed twice"));
                continue;
            }
            if (!categoryWeight.containsKey(def.category)) {
                out.add(new Violation(at + ".metricCode", m.metricCode() + " is " + def.category
                        + ", a category the framework gives no weight"));
            }
            if (m.minimumN() != null && m.minimumN() < 0) {
                out.add(new Violation(at + ".minimumN", "must be 0 or more"));
            } else if (m.minimumN() != null && minimumN != null && m.minimumN() < minimumN
                    && (def.category == MetricCategory.ACADEMIC || def.computation.fromStudentRecords())) {
                out.add(new Violation(at + ".minimumN", m.metricCode() + " is about students: its minimum n may be above "
                        + "the framework's (" + minimumN + "), not below it"));
            }
            if (m.weight() == null || m.weight().signum() <= 0) {
                out.add(new Violation(at + ".weight", "must be more than 0"));
                continue;
            }
            metricSum.merge(def.category, m.weight(), BigDecimal::add);
            checkCutPoints(at, m, def, out);
        }
        for (Map.Entry<MetricCategory, BigDecimal> c : categoryWeight.entrySet()) {
            BigDecimal sum = metricSum.getOrDefault(c.getKey(), BigDecimal.ZERO);
            if (sum.compareTo(c.getValue()) != 0) {
                out.add(new Violation("categories[" + categoryIndex.get(c.getKey()) + "].weight",
                        c.getKey() + " weighs " + Decimals.clean(c.getValue()) + " but its metrics weigh "
                                + Decimals.clean(sum)));
            }
        }
        checkTiers(d.tiers(), out);
        IntegrityRules.check(d.integrity(), out);
        return out;
    }

    private static void checkCutPoints(String at, FrameworkMetric m, MetricDefinition def, List<Violation> out) {
        List<CutPoint> cuts = m.cutPoints() == null ? List.of() : m.cutPoints();
        if (cuts.isEmpty()) {
            out.add(new Violation(at + ".cutPoints", "must list at least one cut point"));
            return;
        }
        boolean higher = def.higherIsBetter();
        BigDecimal best = null;
        for (int k = 0; k < cuts.size(); k++) {
            CutPoint c = cuts.get(k);
            String cat = at + ".cutPoints[" + k + "]";
            if (c == null || c.threshold() == null || c.points() == null) {
                out.add(new Violation(cat, "needs a threshold and points"));
                return;
            }
            String range = def.unit.valueProblem(c.threshold());
            if (range != null) {
                out.add(new Violation(cat + ".threshold", range + " (" + def.code + " is " + def.unit + ")"));
            }
            if (c.points().signum() <= 0 || c.points().compareTo(m.weight()) > 0) {
                out.add(new Violation(cat + ".points", "must be more than 0 and at most the metric's weight ("
                        + Decimals.clean(m.weight()) + ")"));
            }
            if (k > 0) {
                CutPoint prev = cuts.get(k - 1);
                if (prev == null || prev.threshold() == null || prev.points() == null) {
                    return;
                }
                if (c.threshold().compareTo(prev.threshold()) <= 0) {
                    out.add(new Violation(cat + ".threshold", "must be greater than the threshold before it ("
                            + Decimals.clean(prev.threshold()) + "); list cut points by increasing threshold"));
                }
                int cmp = c.points().compareTo(prev.points());
                if (higher && cmp <= 0) {
                    out.add(new Violation(cat + ".points", "must be more than the points before it ("
                            + Decimals.clean(prev.points()) + "): " + def.code + " is higher-is-better"));
                } else if (!higher && cmp >= 0) {
                    out.add(new Violation(cat + ".points", "must be less than the points before it ("
                            + Decimals.clean(prev.points()) + "): " + def.code + " is lower-is-better"));
                }
            }
        }
        best = higher ? cuts.get(cuts.size() - 1).points() : cuts.get(0).points();
        if (best != null && best.compareTo(m.weight()) != 0) {
            out.add(new Violation(at + ".cutPoints", "the best cut point must earn the metric's full weight ("
                    + Decimals.clean(m.weight()) + "), not " + Decimals.clean(best)));
        }
    }

    private static void checkTiers(List<TierThreshold> tiers, List<Violation> out) {
        RatingTier[] order = RatingTier.values();
        if (tiers == null || tiers.size() != order.length) {
            out.add(new Violation("tiers", "must list the four tiers EXCEEDS, MEETS, APPROACHING, DOES_NOT_MEET, best first"));
            return;
        }
        for (int i = 0; i < order.length; i++) {
            TierThreshold t = tiers.get(i);
            String at = "tiers[" + i + "]";
            if (t == null || t.tier() != order[i]) {
                out.add(new Violation(at + ".tier", "must be " + order[i]
                        + " (list EXCEEDS, MEETS, APPROACHING, DOES_NOT_MEET, best first)"));
                return;
            }
            if (t.minimumPercent() == null || t.minimumPercent().signum() < 0 || t.minimumPercent().compareTo(FULL) > 0) {
                out.add(new Violation(at + ".minimumPercent", "must be between 0 and 100"));
                return;
            }
            if (i > 0 && t.minimumPercent().compareTo(tiers.get(i - 1).minimumPercent()) >= 0) {
                out.add(new Violation(at + ".minimumPercent", "must be below " + tiers.get(i - 1).tier() + "'s ("
                        + Decimals.clean(tiers.get(i - 1).minimumPercent()) + ")"));
            }
        }
        TierThreshold last = tiers.get(order.length - 1);
        if (last.minimumPercent().signum() != 0) {
            out.add(new Violation("tiers[" + (order.length - 1) + "].minimumPercent",
                    "must be 0: every rated school reaches DOES_NOT_MEET"));
        }
    }
}
