package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricDirection;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.events.MetricDefined;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;

@ApplicationScoped
@Transactional
public class MetricCatalogService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    public static final ProblemType DUPLICATE_METRIC = ProblemType.custom("duplicate-metric", "The metric code is taken", 409);

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    Outbox outbox;

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MetricDefinition> list() {
        return metrics.listInOrder();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public MetricDefinition get(String code) {
        return metrics.findByIdOptional(code).orElseThrow(() -> ProblemException.notFound("Metric", code));
    }

    public MetricDefinition define(String code, String name, MetricCategory category, MetricDirection direction,
                                   MetricUnit unit, String description, MetricComputation computation,
                                   List<String> subjects) {
        if (metrics.findByIdOptional(code).isPresent()) {
            throw ProblemException.conflict(DUPLICATE_METRIC, "Metric " + code + " is already defined");
        }
        MetricComputation c = computation == null ? MetricComputation.SCHOOL_LEVEL : computation;
        boolean hasSubjects = subjects != null && !subjects.isEmpty();
        if (c.needsSubjects() && !hasSubjects) {
            throw ProblemException.unprocessable("A " + c + " metric reads assessment subjects",
                    new FieldError("subjects", "must name at least one subject for " + c));
        }
        if (!c.needsSubjects() && hasSubjects) {
            throw ProblemException.unprocessable("A " + c + " metric reads no assessment subjects",
                    new FieldError("subjects", "must be empty for " + c));
        }
        if (c == MetricComputation.FAMILY_DEMAND && unit != MetricUnit.RATIO
                || (c == MetricComputation.ASSESSMENT_PROFICIENCY || c == MetricComputation.CHRONIC_ABSENTEEISM)
                && unit != MetricUnit.PERCENT
                || c == MetricComputation.MEDIAN_GROWTH_PERCENTILE && unit != MetricUnit.PERCENTILE) {
            throw ProblemException.unprocessable("The unit does not fit the computation",
                    new FieldError("unit", c + " values are " + switch (c) {
                        case FAMILY_DEMAND -> "RATIO";
                        case MEDIAN_GROWTH_PERCENTILE -> "PERCENTILE";
                        default -> "PERCENT";
                    }));
        }
        if (c.betterDirection() != null && direction != c.betterDirection()) {
            // a CHRONIC_ABSENTEEISM metric defined HIGHER_IS_BETTER rated the schools with the most absent students
            // best and read their rise as improving (eighth pass, N11)
            throw ProblemException.unprocessable("The direction does not fit the computation",
                    new FieldError("direction", c + " values are " + c.betterDirection()));
        }
        MetricDefinition m = MetricDefinition.define(code, name, category, direction, unit, description, c,
                hasSubjects ? subjects.stream().distinct().toList() : null, clock.instant());
        metrics.persist(m);
        // contracts-service learns the direction from it (ninth pass, N11: a benchmark pointing the other way is refused)
        m.definedEventId = outbox.publish("Metric", m.code, MetricDefined.NAME, 1, m.code, MetricDefined.of(m),
                m.createdAt);
        return m;
    }
}
