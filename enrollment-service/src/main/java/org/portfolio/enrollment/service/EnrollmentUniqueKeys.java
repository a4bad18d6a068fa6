package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.platform.web.problem.ProblemType;
import org.portfolio.platform.web.problem.UniqueKeyProblems;

import java.util.Map;

/** An applicant's reference: the same problem when two requests race for one. */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by platform-web's ProblemMappers, injected nowhere
public class EnrollmentUniqueKeys implements UniqueKeyProblems {

    @Override
    public Map<String, ProblemType> byConstraint() {
        return Map.of("applicant_external_ref_key", EnrollmentProblems.DUPLICATE_APPLICANT);
    }
}
