package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.problem.ProblemType;
import org.portfolio.platform.web.problem.UniqueKeyProblems;

import java.util.Map;

/** A decision's code: the same problem when two requests race for one. */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by platform-web's ProblemMappers, injected nowhere
public class AutonomyUniqueKeys implements UniqueKeyProblems {

    @Override
    public Map<String, ProblemType> byConstraint() {
        return Map.of("decision_pkey", DecisionCatalogService.DUPLICATE_DECISION);
    }
}
