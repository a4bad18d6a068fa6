package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.service.PerformanceQueryService;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(description = "A school's year as the public sees it: values resting on fewer students than the minimum n are withheld")
public record PublicSchoolResponse(UUID schoolId, String districtCode, String name, String type, String schoolYear,
                                   @Schema(description = "Whether the school could be rated") Boolean rated,
                                   RatingTier tier, BigDecimal percent, List<PublicMetric> metrics) {

    @Schema(description = "A metric value; when suppressed, neither the value nor n is shown")
    public record PublicMetric(String metricCode, String name, String category, String unit, BigDecimal value, Integer n,
                               boolean suppressed) {
    }

    static PublicSchoolResponse of(PerformanceQueryService.PublicSchool p, Map<String, MetricDefinition> catalog) {
        var s = p.school();
        var r = p.rating();
        List<PublicMetric> metrics = p.values().stream()
                .sorted(Comparator.comparing(MetricSnapshot::metricCode))
                .map(v -> {
                    MetricDefinition d = catalog.get(v.metricCode());
                    return new PublicMetric(v.metricCode(), d.name, d.category.name(), d.unit.name(),
                            v.suppressed() ? null : Decimals.clean(v.value()), v.suppressed() ? null : v.n(), v.suppressed());
                }).toList();
        return new PublicSchoolResponse(p.schoolId(), s == null ? null : s.districtCode, s == null ? null : s.name,
                s == null ? null : s.type, p.schoolYear(), r == null ? null : r.rated, r == null ? null : r.tier,
                r == null ? null : r.details.percent(), metrics);
    }
}
