package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.Decision;
import org.portfolio.autonomy.repository.DecisionRepository;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;

@ApplicationScoped
@Transactional
public class DecisionCatalogService {

    public static final ProblemType DUPLICATE_DECISION =
            ProblemType.custom("duplicate-decision", "The decision code is taken", 409);

    @Inject
    DecisionRepository decisions;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Decision> list() {
        return decisions.listInOrder();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Decision get(String code) {
        return decisions.findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("Decision", code));
    }

    public Decision define(String code, AutonomyDomain domain, String name, String description) {
        if (decisions.findByIdOptional(code).isPresent()) {
            throw ProblemException.conflict(DUPLICATE_DECISION, "Decision " + code + " is already in the catalog");
        }
        Decision d = Decision.define(code, domain, name, description);
        decisions.persist(d);
        return d;
    }
}
