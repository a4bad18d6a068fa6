package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a framework version says: how much each category and metric weighs (points; all metrics add up to 100),
 * the cut points that turn a metric value into points, an optional per-metric minimum n, and the tier thresholds
 * on the share of available points. Stored as one JSON document; immutable once published.
 */
public record FrameworkDefinition(List<CategoryWeight> categories, List<FrameworkMetric> metrics, List<TierThreshold> tiers,
                                  IntegrityRules integrity) {

    public FrameworkDefinition(List<CategoryWeight> categories, List<FrameworkMetric> metrics, List<TierThreshold> tiers) {
        this(categories, metrics, tiers, null);
    }

    /** The integrity thresholds in force: the framework's, each absent one (or the whole section) by default. */
    public IntegrityRules integrityRules() {
        return IntegrityRules.effective(integrity);
    }

    /** The points a category is worth: the sum of its metrics' weights. */
    public record CategoryWeight(MetricCategory category, BigDecimal weight) {
    }

    /**
     * A metric of the framework. {@code minimumN} overrides the framework's minimum n for this metric
     * (0 = never suppressed, for metrics that are not about students, such as days cash on hand).
     */
    public record FrameworkMetric(String metricCode, BigDecimal weight, Integer minimumN, List<CutPoint> cutPoints) {
    }

    /**
     * A value at or beyond {@code threshold} (at least it when higher is better, at most it when lower is better)
     * earns {@code points}; the best cut point a value reaches counts; a value that reaches none earns 0.
     */
    public record CutPoint(BigDecimal threshold, BigDecimal points) {
    }

    /** A rating reaches {@code tier} when its share of available points is at least {@code minimumPercent}. */
    public record TierThreshold(RatingTier tier, BigDecimal minimumPercent) {
    }

    public Optional<FrameworkMetric> metric(String code) {
        return metrics.stream().filter(m -> m.metricCode().equals(code)).findFirst();
    }

    public BigDecimal totalWeight() {
        return metrics.stream().map(FrameworkMetric::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
