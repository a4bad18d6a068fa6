package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.RatingResult;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolRating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school's rating for a year: points per metric and category, total, tier, and what was left out. "
        + "A school that could not be rated (rated: false) has no tier and says why in notRatedReason",
        requiredProperties = {"ratingId", "schoolId", "schoolYear", "frameworkId", "frameworkVersion", "rated", "totalPoints",
                "maxPoints", "coveragePercent", "categories", "metrics", "missing", "suppressed", "current", "computedAt"})
public record RatingResponse(UUID ratingId, UUID schoolId, String schoolYear, UUID frameworkId, int frameworkVersion,
                             @Schema(description = "False when the available metrics cover too little of the framework") boolean rated,
                             @Schema(description = "The best tier whose threshold the share of points reaches (absent when not rated)")
                             RatingTier tier,
                             BigDecimal totalPoints,
                             @Schema(description = "Points available: the weights of the metrics with a usable value") BigDecimal maxPoints,
                             @Schema(description = "100 × totalPoints / maxPoints, one decimal (absent when no metric had a usable value)")
                             BigDecimal percent,
                             @Schema(description = "Share of the framework's weight that had a usable value") BigDecimal coveragePercent,
                             List<CategoryScore> categories, List<MetricScore> metrics,
                             @Schema(description = "Framework metrics without a value for the school and year") List<String> missing,
                             @Schema(description = "Framework metrics whose value rests on fewer students than the minimum n") List<String> suppressed,
                             @Schema(description = "Why the school could not be rated (absent when rated)") String notRatedReason,
                             @Schema(description = "The version in force (older versions are kept as history)") boolean current,
                             Instant computedAt) {

    @Schema(description = "Points of a category over its available metrics",
            requiredProperties = {"category", "points", "maxPoints", "weight"})
    public record CategoryScore(MetricCategory category, BigDecimal points,
                                @Schema(description = "The weights of the category's metrics with a usable value") BigDecimal maxPoints,
                                @Schema(description = "100 × points / maxPoints (absent when none of its metrics had a usable value)")
                                BigDecimal percent,
                                @Schema(description = "The category's weight in the framework") BigDecimal weight) {
    }

    @Schema(description = "One metric's contribution; suppressed and missing metrics earn no points and their weight is "
            + "left out of the available points",
            requiredProperties = {"metricCode", "category", "maxPoints", "suppressed", "missing"})
    public record MetricScore(String metricCode, MetricCategory category,
                              @Schema(description = "Absent when missing") BigDecimal value,
                              @Schema(description = "Students behind the value (absent when it has none, or is missing)") Integer n,
                              @Schema(description = "Points earned (absent when suppressed or missing)") BigDecimal points,
                              @Schema(description = "The metric's weight") BigDecimal maxPoints,
                              boolean suppressed, boolean missing) {
    }

    static RatingResponse of(SchoolRating r) {
        RatingResult d = r.details;
        return new RatingResponse(r.id, r.schoolId, r.schoolYear, r.frameworkId, r.frameworkVersion, r.rated,
                r.rated ? r.tier : null, d.totalPoints(), d.maxPoints(), d.percent(), d.coveragePercent(),
                d.categories().stream().map(c -> new CategoryScore(c.category(), c.points(), c.maxPoints(), c.percent(),
                        c.weight())).toList(),
                d.metrics().stream().map(m -> new MetricScore(m.metricCode(), m.category(), m.value(), m.n(), m.points(),
                        m.maxPoints(), m.suppressed(), m.missing())).toList(),
                d.missing(), d.suppressed(), r.rated ? null : d.notRatedReason(), r.current, r.computedAt);
    }
}
