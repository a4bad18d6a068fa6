package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolType;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Schema(description = "A school's current rating for a year, in a portfolio list",
        requiredProperties = {"ratingId", "schoolId", "schoolYear", "frameworkVersion", "rated", "totalPoints", "maxPoints",
                "coveragePercent", "computedAt"})
public record RatingSummaryResponse(UUID ratingId, UUID schoolId,
                                    @Schema(description = "Absent when the registry gave none") String districtCode,
                                    @Schema(description = "Absent when the registry has not named the school yet") String schoolName,
                                    @Schema(description = "Absent when the registry has not named the school yet") SchoolType schoolType,
                                    String schoolYear, int frameworkVersion, boolean rated,
                                    @Schema(description = "Absent when not rated") RatingTier tier,
                                    @Schema(description = "Share of available points (absent when no metric had a usable value)")
                                    BigDecimal percent, BigDecimal totalPoints, BigDecimal maxPoints,
                                    BigDecimal coveragePercent, Instant computedAt) {

    static RatingSummaryResponse of(PerformanceQueryService.RatingRow row) {
        var r = row.rating();
        var s = row.school();
        return new RatingSummaryResponse(r.id, r.schoolId, s == null ? null : s.districtCode, s == null ? null : s.name,
                s == null ? null : SchoolType.of(s.type), r.schoolYear, r.frameworkVersion, r.rated, r.rated ? r.tier : null,
                r.details.percent(), r.details.totalPoints(), r.details.maxPoints(), r.details.coveragePercent(), r.computedAt);
    }
}
