package org.portfolio.performance.events;

import org.portfolio.performance.domain.MetricDefinition;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code portfolio.performance.MetricDefined.v1} (subject and key: the metric code): a metric was defined.
 * Definitions are never changed, so this is said once per metric; contracts-service learns from it which way the
 * metric's values are better and refuses a benchmark whose comparator points the other way (ninth pass, N11). The
 * definitions made before this event existed are announced once at start ({@code service.MetricAnnouncements}).
 * See docs/events.md. No free text but the metric's name (its description stays here).
 */
public record MetricDefined(String metricCode, String name, String category, String direction, String unit,
                            String computation, List<String> subjects, Instant definedAt) {

    public static final String NAME = "MetricDefined";

    public static MetricDefined of(MetricDefinition m) {
        List<String> subjects = m.subjectList();
        return new MetricDefined(m.code, m.name, m.category.name(), m.direction.name(), m.unit.name(),
                m.computation.name(), subjects.isEmpty() ? null : subjects, m.createdAt);
    }
}
