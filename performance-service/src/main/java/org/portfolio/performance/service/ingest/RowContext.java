package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.MetricDefinition;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What row validation needs to know, loaded once per upload: the schools performance-service knows (by id and
 * district code), which of them the caller may post for, and the metric catalog.
 */
public record RowContext(Set<UUID> knownSchools, Map<String, UUID> schoolsByDistrictCode, Predicate<UUID> inScope,
                         Map<String, MetricDefinition> catalog) {
}
