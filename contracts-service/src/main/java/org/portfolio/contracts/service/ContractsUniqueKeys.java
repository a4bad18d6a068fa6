package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.problem.ProblemType;
import org.portfolio.platform.web.problem.UniqueKeyProblems;

import java.util.Map;

/** A school's district code and NCES id, an oversight body's name: the same problem when two requests race for one. */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by platform-web's ProblemMappers, injected nowhere
public class ContractsUniqueKeys implements UniqueKeyProblems {

    @Override
    public Map<String, ProblemType> byConstraint() {
        return Map.of("school_district_code_key", SchoolRegistryService.DUPLICATE_SCHOOL,
                "school_nces_id_key", SchoolRegistryService.DUPLICATE_SCHOOL,
                "oversight_body_name_key", OversightBodyService.DUPLICATE_NAME);
    }
}
