package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.problem.ProblemType;
import org.portfolio.platform.web.problem.UniqueKeyProblems;

import java.util.Map;

/** A metric's code: the same problem when two requests race for one. */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by platform-web's ProblemMappers, injected nowhere
public class PerformanceUniqueKeys implements UniqueKeyProblems {

    @Override
    public Map<String, ProblemType> byConstraint() {
        return Map.of("metric_definition_pkey", MetricCatalogService.DUPLICATE_METRIC);
    }
}
