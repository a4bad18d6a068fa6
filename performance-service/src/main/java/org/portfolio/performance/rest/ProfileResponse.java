package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school's performance: metrics by year with n and trend, the rating of each year and the rating history",
        requiredProperties = {"schoolId", "years", "ratingHistory", "integrityFlags"})
public record ProfileResponse(UUID schoolId,
                              @Schema(description = "Absent when the registry's events have not named the school yet")
                              SchoolResponse school,
                              @Schema(description = "Newest school year first") List<Year> years,
                              @Schema(description = "Every computed rating version, newest first") List<RatingResponse> ratingHistory,
                              @Schema(description = "The school's integrity flags, open and resolved, newest first. "
                                      + "Signals for oversight: a flag changes no rating, benchmark or grant")
                              List<IntegrityFlagResponse> integrityFlags) {

    @Schema(description = "One school year: the current rating and every metric value",
            requiredProperties = {"schoolYear", "metrics", "integrityChecks"})
    public record Year(String schoolYear,
                       @Schema(description = "The current rating (absent when none was computed for the year)") RatingResponse rating,
                       List<MetricValue> metrics,
                       @Schema(description = "The latest outcome of each integrity rule for the year (FLAGGED, CLEAR or "
                               + "NOT_COMPUTABLE with what is missing); empty until data of the year arrived")
                       List<IntegrityCheckResponse> integrityChecks) {
    }

    @Schema(description = "A school metric value (unsuppressed view: the value and n are shown even when suppressed)",
            requiredProperties = {"metricCode", "name", "category", "unit", "direction", "value", "suppressed", "source",
                    "resultId", "updatedAt"})
    public record MetricValue(String metricCode, String name, MetricCategory category, MetricUnit unit,
                              MetricDirection direction, BigDecimal value,
                              @Schema(description = "Students behind the value (absent when it has none, e.g. days cash on hand)")
                              Integer n,
                              @Schema(description = "n is below the minimum n: withheld from the public view and from ratings")
                              boolean suppressed,
                              MetricSource source,
                              @Schema(description = "The history entry of its last change") UUID resultId, Instant updatedAt,
                              @Schema(description = "Change since the previous school year (absent when that year has no value)")
                              Trend trend) {
    }

    @Schema(description = "How a metric moved since the previous school year, read in the metric's good direction",
            requiredProperties = {"previousYear", "previousValue", "change", "direction"})
    public record Trend(String previousYear, BigDecimal previousValue,
                        @Schema(description = "This year's value minus the previous one") BigDecimal change,
                        org.portfolio.performance.domain.Trend.Direction direction) {

        static Trend of(org.portfolio.performance.domain.Trend t) {
            return t == null ? null : new Trend(t.previousYear(), t.previousValue(), t.change(), t.direction());
        }
    }

    /** {@code allFigures}: DISTRICT_ADMIN or OVERSIGHT (integrity evidence, {@link PriorResultsRedaction}). */
    static ProfileResponse of(PerformanceQueryService.Profile p, boolean allFigures) {
        return new ProfileResponse(p.schoolId(), SchoolResponse.of(p.school()),
                p.years().stream().map(y -> new Year(y.schoolYear(), y.rating() == null ? null : RatingResponse.of(y.rating()),
                        y.metrics().stream().map(m -> new MetricValue(m.definition().code, m.definition().name,
                                m.definition().category, m.definition().unit, m.definition().direction,
                                Decimals.clean(m.value().value()), m.value().n(), m.value().suppressed(), m.value().source(),
                                m.value().resultId(), m.value().updatedAt(), Trend.of(m.trend()))).toList(),
                        y.integrityChecks().stream().map(c -> IntegrityCheckResponse.of(c, allFigures)).toList())).toList(),
                p.ratingHistory().stream().map(RatingResponse::of).toList(),
                p.integrityFlags().stream().map(f -> IntegrityFlagResponse.of(f, allFigures)).toList());
    }
}
