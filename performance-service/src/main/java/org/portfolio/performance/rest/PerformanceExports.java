package org.portfolio.performance.rest;

import jakarta.ws.rs.core.StreamingOutput;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkDefinition;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.RatingResult;
import org.portfolio.performance.service.PerformanceQueryService;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The CSV export of a school year: one row per school with its rating and, per metric, value, n and points. The
 * public variant leaves suppressed values and their n empty and says they are suppressed.
 */
final class PerformanceExports {

    private PerformanceExports() {
    }

    static StreamingOutput csv(List<PerformanceQueryService.PublicSchool> rows, Framework framework, boolean publicView) {
        TreeSet<String> codes = new TreeSet<>();
        if (framework != null) {
            framework.definition.metrics().stream().map(FrameworkDefinition.FrameworkMetric::metricCode).forEach(codes::add);
        }
        rows.forEach(r -> r.values().forEach(v -> codes.add(v.metricCode())));
        return out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            List<Object> header = new ArrayList<>(List.of("school_id", "district_code", "school_name", "school_type",
                    "school_year", "framework_version", "rated", "tier", "percent", "total_points", "max_points",
                    "coverage_percent"));
            for (String c : codes) {
                header.add(c + "_value");
                header.add(c + "_n");
                header.add(c + "_suppressed");
                if (!publicView) {
                    header.add(c + "_points");
                }
            }
            Csv.row(w, header);
            for (PerformanceQueryService.PublicSchool r : rows) {
                var s = r.school();
                var rating = r.rating();
                RatingResult d = rating == null ? null : rating.details;
                List<Object> line = new ArrayList<>(List.of(
                        r.schoolId(), s == null || s.districtCode == null ? "" : s.districtCode, s == null ? "" : s.name,
                        s == null ? "" : s.type, r.schoolYear(), rating == null ? "" : rating.frameworkVersion,
                        rating == null ? "" : rating.rated, rating == null || rating.tier == null ? "" : rating.tier,
                        d == null || d.percent() == null ? "" : d.percent(), d == null ? "" : d.totalPoints(),
                        d == null ? "" : d.maxPoints(), d == null ? "" : d.coveragePercent()));
                Map<String, MetricSnapshot> values = new HashMap<>();
                r.values().forEach(v -> values.put(v.metricCode(), v));
                Map<String, RatingResult.MetricScore> scores = new HashMap<>();
                if (d != null) {
                    d.metrics().forEach(m -> scores.put(m.metricCode(), m));
                }
                for (String c : codes) {
                    MetricSnapshot v = values.get(c);
                    boolean hide = v != null && v.suppressed() && publicView;
                    line.add(v == null || hide ? "" : Decimals.clean(v.value()));
                    line.add(v == null || hide || v.n() == null ? "" : v.n());
                    line.add(v == null ? "" : v.suppressed());
                    if (!publicView) {
                        RatingResult.MetricScore m = scores.get(c);
                        line.add(m == null || m.points() == null ? "" : m.points());
                    }
                }
                Csv.row(w, line);
            }
            w.flush();
        };
    }
}
