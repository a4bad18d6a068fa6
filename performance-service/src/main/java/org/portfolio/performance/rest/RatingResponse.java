package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.RatingResult;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolRating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school's rating for a year: points per metric and category, total, tier, and what was left out")
public record RatingResponse(UUID ratingId, UUID schoolId, String schoolYear, UUID frameworkId, int frameworkVersion,
                             @Schema(description = "False when the available metrics cover too little of the framework") boolean rated,
                             RatingTier tier, BigDecimal totalPoints,
                             @Schema(description = "Points available: the weights of the metrics with a usable value") BigDecimal maxPoints,
                             @Schema(description = "100 × totalPoints / maxPoints") BigDecimal percent,
                             @Schema(description = "Share of the framework's weight that had a usable value") BigDecimal coveragePercent,
                             List<RatingResult.CategoryScore> categories, List<RatingResult.MetricScore> metrics,
                             @Schema(description = "Framework metrics without a value for the school and year") List<String> missing,
                             @Schema(description = "Framework metrics whose value rests on fewer students than the minimum n") List<String> suppressed,
                             String notRatedReason, boolean current, Instant computedAt) {

    static RatingResponse of(SchoolRating r) {
        RatingResult d = r.details;
        return new RatingResponse(r.id, r.schoolId, r.schoolYear, r.frameworkId, r.frameworkVersion, r.rated, r.tier,
                d.totalPoints(), d.maxPoints(), d.percent(), d.coveragePercent(), d.categories(), d.metrics(), d.missing(),
                d.suppressed(), d.notRatedReason(), r.current, r.computedAt);
    }
}
