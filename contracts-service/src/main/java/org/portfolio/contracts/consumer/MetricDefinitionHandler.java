package org.portfolio.contracts.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.MetricDirection;
import org.portfolio.contracts.service.MetricDirectionService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * performance-service's metric definitions: which way each metric's values are better, so that a benchmark pointing
 * the other way is refused (ninth pass, N11). Its own consumer group; idempotent (the inbox skips a redelivered event,
 * and the direction is kept per metric code). Like every consumer, it applies only what performance-service published
 * on its own topic (type {@code portfolio.performance.*}, source {@code /performance}: the backbone's EventOrigin).
 */
@ApplicationScoped
public class MetricDefinitionHandler implements EventHandler {

    static final String TYPE = EventTypes.of("performance", "MetricDefined");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");

    /** The part of MetricDefined contracts needs. */
    record MetricDefined(String metricCode, String direction, Instant definedAt) {
    }

    @Inject
    MetricDirectionService directions;

    @Override
    public String name() {
        return "metric-directions";
    }

    @Override
    public Set<String> topics() {
        return Set.of("performance.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public void handle(IncomingEvent event) {
        MetricDefined m = event.data(MetricDefined.class);
        if (m.metricCode() == null || !CODE.matcher(m.metricCode()).matches()) {
            throw new PoisonEventException("MetricDefined " + event.id() + " lacks a metric code of at most 60 characters"
                    + " (UPPER_SNAKE_CASE)");
        }
        MetricDirection direction = MetricDirection.parse(m.direction()).orElseThrow(() -> new PoisonEventException(
                "MetricDefined " + event.id() + " has direction " + cut(m.direction())
                        + ", not HIGHER_IS_BETTER or LOWER_IS_BETTER"));
        directions.defined(m.metricCode(), direction, m.definedAt() != null ? m.definedAt() : event.time(), event.id());
    }

    private static String cut(String s) {
        return s == null ? "none" : s.length() > 40 ? s.substring(0, 40) + "…" : s.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
