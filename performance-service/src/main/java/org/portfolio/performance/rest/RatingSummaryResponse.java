package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "A school's current rating for a year, in a portfolio list")
public record RatingSummaryResponse(UUID ratingId, UUID schoolId, String districtCode, String schoolName, String schoolType,
                                    String schoolYear, int frameworkVersion, boolean rated, RatingTier tier,
                                    BigDecimal percent, BigDecimal totalPoints, BigDecimal maxPoints,
                                    BigDecimal coveragePercent, Instant computedAt) {

    static RatingSummaryResponse of(PerformanceQueryService.RatingRow row) {
        var r = row.rating();
        var s = row.school();
        return new RatingSummaryResponse(r.id, r.schoolId, s == null ? null : s.districtCode, s == null ? null : s.name,
                s == null ? null : s.type, r.schoolYear, r.frameworkVersion, r.rated, r.tier, r.details.percent(),
                r.details.totalPoints(), r.details.maxPoints(), r.details.coveragePercent(), r.computedAt);
    }
}
