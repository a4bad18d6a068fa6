package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;

@ApplicationScoped
@Transactional
public class MetricCatalogService {

    public static final ProblemType DUPLICATE_METRIC = ProblemType.custom("duplicate-metric", "The metric code is taken", 409);

    @Inject
    MetricDefinitionRepository metrics;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MetricDefinition> list() {
        return metrics.listInOrder();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MetricDefinition get(String code) {
        return metrics.findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("Metric", code));
    }

    public MetricDefinition define(String code, String name, MetricCategory category, MetricDirection direction,
                                   MetricUnit unit, String description) {
        if (metrics.findByIdOptional(code).isPresent()) {
            throw ProblemException.conflict(DUPLICATE_METRIC, "Metric " + code + " is already defined");
        }
        MetricDefinition m = MetricDefinition.define(code, name, category, direction, unit, description);
        metrics.persist(m);
        return m;
    }
}
