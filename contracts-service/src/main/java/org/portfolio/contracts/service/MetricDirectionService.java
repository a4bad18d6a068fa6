package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.ContractRules;
import org.portfolio.contracts.domain.KnownMetricDirection;
import org.portfolio.contracts.domain.MetricDirection;
import org.portfolio.contracts.domain.RuleViolation;
import org.portfolio.contracts.repository.MetricDirectionRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which way each metric's values are better, as performance-service announces its definitions (MetricDefined; ninth
 * pass, N11), and the rule drafting, editing, amending, renewing and activating a contract check with it: a benchmark
 * whose comparator counts the other way as better is refused. A metric not known yet is accepted.
 */
@ApplicationScoped
@Transactional
public class MetricDirectionService {

    private static final Logger LOG = Logger.getLogger(MetricDirectionService.class);

    @Inject
    MetricDirectionRepository directions;

    @Inject
    SchoolCalendar calendar;

    /**
     * MetricDefined: the metric's direction is known from now on. performance-service never changes a definition; should
     * a second one differ (its database rebuilt and the metric defined again), the later definition is kept, with a
     * warning.
     */
    public void defined(String metricCode, MetricDirection direction, Instant definedAt, String eventId) {
        KnownMetricDirection k = directions.findById(metricCode);
        if (k == null) {
            k = new KnownMetricDirection();
            k.metricCode = metricCode;
            k.direction = direction;
            k.definedAt = definedAt;
            k.eventId = eventId;
            k.learnedAt = calendar.now();
            directions.persist(k);
            LOG.infof("Metric %s: %s (MetricDefined %s)", metricCode, direction, eventId);
            return;
        }
        if (k.direction == direction) {
            return;
        }
        boolean later = definedAt != null && (k.definedAt == null || definedAt.isAfter(k.definedAt));
        LOG.warnf("Metric %s was defined %s by MetricDefined %s and %s by %s; keeping the %s definition (%s)", metricCode,
                k.direction, k.eventId, direction, eventId, later ? "later" : "earlier", later ? direction : k.direction);
        if (later) {
            k.direction = direction;
            k.definedAt = definedAt;
            k.eventId = eventId;
            k.learnedAt = calendar.now();
        }
    }

    /** The benchmarks whose comparator points against their metric's known direction (422 on their comparator). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RuleViolation> violations(List<BenchmarkSpec> benchmarks) {
        if (benchmarks == null || benchmarks.isEmpty()) {
            return List.of();
        }
        return ContractRules.directionViolations(benchmarks, known(benchmarks));
    }

    /** The same benchmarks by their place in the list, with why (the scorecard's {@code directionConflict}). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SortedMap<Integer, String> conflicts(List<BenchmarkSpec> benchmarks) {
        if (benchmarks.isEmpty()) {
            return new TreeMap<>();
        }
        return ContractRules.directionConflicts(benchmarks, known(benchmarks));
    }

    private Map<String, MetricDirection> known(List<BenchmarkSpec> benchmarks) {
        return directions.of(benchmarks.stream().map(BenchmarkSpec::metricCode).filter(Objects::nonNull).distinct().toList());
    }
}
