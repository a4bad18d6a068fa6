package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.service.FrameworkService;

@Schema(description = "The published framework and what publishing it recomputed for its school year",
        requiredProperties = {"framework", "schoolYears", "metricResultsChanged", "ratingsChanged"})
public record PublishResponse(FrameworkResponse framework,
                              @Schema(description = "School-years recomputed") int schoolYears,
                              @Schema(description = "Metric results that changed (e.g. suppression under a new minimum n)") int metricResultsChanged,
                              @Schema(description = "Ratings that changed (each published as SchoolRatingPublished when rated)") int ratingsChanged) {

    static PublishResponse of(FrameworkService.Published p) {
        return new PublishResponse(FrameworkResponse.of(p.framework()), p.recomputed().schoolYears(),
                p.recomputed().metricsChanged(), p.recomputed().ratingsChanged());
    }
}
