package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * A school's rating for a year on a framework: points per metric and category, total, share of available points,
 * tier, and what was left out. {@code rated} is false (and {@code tier} null) when the available metrics cover less
 * of the framework than its minimum coverage.
 */
public record RatingResult(boolean rated, RatingTier tier, BigDecimal totalPoints, BigDecimal maxPoints,
                           BigDecimal percent, BigDecimal coveragePercent, List<CategoryScore> categories,
                           List<MetricScore> metrics, List<String> missing, List<String> suppressed,
                           String notRatedReason) {

    /** Points of a category over its available metrics; {@code percent} null when none is available. */
    public record CategoryScore(MetricCategory category, BigDecimal points, BigDecimal maxPoints, BigDecimal percent,
                                BigDecimal weight) {
    }

    /**
     * One metric's contribution. Suppressed and missing metrics earn no points and their weight is left out of
     * {@code maxPoints} of the category and the total; {@code maxPoints} here is always the metric's weight.
     */
    public record MetricScore(String metricCode, MetricCategory category, BigDecimal value, Integer n,
                              BigDecimal points, BigDecimal maxPoints, boolean suppressed, boolean missing) {
    }
}
