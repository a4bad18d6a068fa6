package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolType;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(description = "A school's year as the public sees it: values resting on fewer students than the minimum n are withheld",
        requiredProperties = {"schoolId", "schoolYear", "metrics"})
public record PublicSchoolResponse(UUID schoolId,
                                   @Schema(description = "Absent when the registry gave none") String districtCode,
                                   @Schema(description = "Absent when the registry has not named the school yet") String name,
                                   @Schema(description = "Absent when the registry has not named the school yet") SchoolType type,
                                   String schoolYear,
                                   @Schema(description = "Whether the school could be rated (absent when no rating was computed)") Boolean rated,
                                   @Schema(description = "Absent when the school is not rated") RatingTier tier,
                                   @Schema(description = "Share of available points (absent when not computed)") BigDecimal percent,
                                   List<PublicMetric> metrics) {

    @Schema(description = "A metric value; when suppressed, neither the value nor n is shown",
            requiredProperties = {"metricCode", "name", "category", "unit", "suppressed"})
    public record PublicMetric(String metricCode, String name, MetricCategory category, MetricUnit unit,
                               @Schema(description = "Absent when suppressed") BigDecimal value,
                               @Schema(description = "Students behind the value (absent when suppressed, or when the value has none)")
                               Integer n,
                               @Schema(description = "The value rests on fewer students than the minimum n and is withheld")
                               boolean suppressed) {
    }

    static PublicSchoolResponse of(PerformanceQueryService.PublicSchool p, Map<String, MetricDefinition> catalog) {
        var s = p.school();
        var r = p.rating();
        List<PublicMetric> metrics = p.values().stream()
                .sorted(Comparator.comparing(MetricSnapshot::metricCode))
                .map(v -> {
                    MetricDefinition d = catalog.get(v.metricCode());
                    return new PublicMetric(v.metricCode(), d.name, d.category, d.unit,
                            v.suppressed() ? null : Decimals.clean(v.value()), v.suppressed() ? null : v.n(), v.suppressed());
                }).toList();
        return new PublicSchoolResponse(p.schoolId(), s == null ? null : s.districtCode, s == null ? null : s.name,
                s == null ? null : SchoolType.of(s.type), p.schoolYear(), r == null ? null : r.rated,
                r == null || !r.rated ? null : r.tier, r == null ? null : r.details.percent(), metrics);
    }
}
