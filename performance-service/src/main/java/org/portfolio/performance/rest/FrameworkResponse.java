package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(description = "A performance framework version",
        requiredProperties = {"id", "schoolYear", "version", "name", "status", "minimumN", "proficientLevel",
                "minimumCoveragePercent", "categories", "metrics", "tiers", "integrity", "createdAt", "createdBy"})
public record FrameworkResponse(UUID id, @Schema(examples = "2026-27") String schoolYear,
                                @Schema(description = "Numbered per school year from 1") int version, String name,
                                @Schema(description = "Absent when none was given") String description,
                                FrameworkStatus status, int minimumN, int proficientLevel,
                                BigDecimal minimumCoveragePercent, List<FrameworkRequest.CategoryWeight> categories,
                                List<FrameworkRequest.FrameworkMetric> metrics, List<FrameworkRequest.Tier> tiers,
                                @Schema(description = "The integrity thresholds in force (defaults filled in)")
                                FrameworkRequest.Integrity integrity,
                                Instant createdAt, @Schema(description = "The client that created it") String createdBy,
                                @Schema(description = "When it was published (absent while a DRAFT)") Instant publishedAt,
                                @Schema(description = "The client that published it (absent while a DRAFT)") String publishedBy,
                                @Schema(description = "When a newer version replaced it (absent unless SUPERSEDED)") Instant supersededAt) {

    static FrameworkResponse of(Framework f) {
        var d = f.definition;
        return new FrameworkResponse(f.id, f.schoolYear, f.version, f.name, f.description, f.status, f.minimumN,
                f.proficientLevel, Decimals.clean(f.minimumCoveragePercent),
                d.categories().stream().map(c -> new FrameworkRequest.CategoryWeight(c.category(), Decimals.clean(c.weight())))
                        .toList(),
                d.metrics().stream().map(m -> new FrameworkRequest.FrameworkMetric(m.metricCode(), Decimals.clean(m.weight()),
                        m.minimumN(), m.cutPoints().stream().map(c -> new FrameworkRequest.CutPoint(
                        Decimals.clean(c.threshold()), Decimals.clean(c.points()))).toList())).toList(),
                d.tiers().stream().map(t -> new FrameworkRequest.Tier(t.tier(), Decimals.clean(t.minimumPercent()))).toList(),
                FrameworkRequest.Integrity.of(d.integrityRules()),
                f.createdAt, f.createdBy, f.publishedAt, f.publishedBy, f.supersededAt);
    }
}
