package org.portfolio.performance.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.SchoolRatingPublished.v1} (subject: the school id): a school's rating for a
 * year is new or changed. {@code coveragePercent} (share of the framework's weight that had a usable value) is an
 * addition to the documented payload. See docs/events.md.
 */
public record SchoolRatingPublished(UUID ratingId, UUID schoolId, String schoolYear, UUID frameworkId,
                                    int frameworkVersion, Double totalPoints, Double maxPoints, Double percent,
                                    String tier, List<Category> categories, List<Metric> metrics,
                                    Double coveragePercent, Instant publishedAt) {

    public static final String NAME = "SchoolRatingPublished";

    public record Category(String category, Double points, Double maxPoints, Double percent) {
    }

    public record Metric(String metricCode, Double value, Integer n, Double points, Double maxPoints,
                         boolean suppressed, boolean missing) {
    }
}
