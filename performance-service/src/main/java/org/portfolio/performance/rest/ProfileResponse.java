package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.domain.Trend;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school's performance: metrics by year with n and trend, the rating of each year and the rating history")
public record ProfileResponse(UUID schoolId, SchoolResponse school, List<Year> years, List<RatingResponse> ratingHistory) {

    @Schema(description = "One school year: the current rating and every metric value")
    public record Year(String schoolYear, RatingResponse rating, List<MetricValue> metrics) {
    }

    @Schema(description = "A school metric value (unsuppressed view: the value and n are shown even when suppressed)")
    public record MetricValue(String metricCode, String name, MetricCategory category, MetricUnit unit,
                              MetricDirection direction, BigDecimal value, Integer n, boolean suppressed,
                              MetricSource source, UUID resultId, Instant updatedAt,
                              @Schema(description = "Change since the previous school year, read in the metric's good direction")
                              Trend trend) {
    }

    static ProfileResponse of(PerformanceQueryService.Profile p) {
        return new ProfileResponse(p.schoolId(), SchoolResponse.of(p.school()),
                p.years().stream().map(y -> new Year(y.schoolYear(), y.rating() == null ? null : RatingResponse.of(y.rating()),
                        y.metrics().stream().map(m -> new MetricValue(m.definition().code, m.definition().name,
                                m.definition().category, m.definition().unit, m.definition().direction,
                                Decimals.clean(m.value().value()), m.value().n(), m.value().suppressed(), m.value().source(),
                                m.value().resultId(), m.value().updatedAt(), m.trend())).toList())).toList(),
                p.ratingHistory().stream().map(RatingResponse::of).toList());
    }

}
