package org.portfolio.contracts.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.service.EvaluationService;
import org.portfolio.contracts.service.MetricValue;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The flagship chain's contracts hop: a school metric value from performance-service is evaluated against the
 * benchmarks of the school's active contract. Its own consumer group, so evidence and autonomy events never queue
 * in front of it.
 */
@ApplicationScoped
public class MetricResultHandler implements EventHandler {

    static final String TYPE = EventTypes.of("performance", "MetricResultRecorded");

    /** The part of MetricResultRecorded contracts needs. */
    record MetricResultRecorded(UUID resultId, UUID schoolId, String metricCode, String period, BigDecimal value,
                                Integer n, Boolean suppressed, String source, Instant recordedAt, Correction correction,
                                Boolean withdrawn) {
    }

    /**
     * The correction of student records that caused the value (issue 15.3). Only its id and reason code are kept: an
     * event published before issue 15 carries a free-text {@code reason} and no code, which is never copied (OTHER).
     */
    record Correction(UUID correctionId, String reasonCode) {
    }

    @Inject
    EvaluationService evaluation;

    @Inject
    org.portfolio.contracts.service.SchoolCalendar calendar;

    @Inject
    MeterRegistry registry;

    @Override
    public String name() {
        return "benchmark-evaluation";
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
        MetricResultRecorded r = event.data(MetricResultRecorded.class);
        if (r.schoolId() == null || r.metricCode() == null || r.metricCode().isBlank() || r.period() == null) {
            throw new PoisonEventException("MetricResultRecorded " + event.id() + " lacks schoolId, metricCode or period");
        }
        if (SchoolYear.tryParse(r.period()).isEmpty()) {
            throw new PoisonEventException("MetricResultRecorded " + event.id() + " has period " + r.period()
                    + ", not a school year");
        }
        boolean suppressed = Boolean.TRUE.equals(r.suppressed());
        boolean withdrawn = Boolean.TRUE.equals(r.withdrawn());
        if (!suppressed && !withdrawn && r.value() == null) {
            throw new PoisonEventException("MetricResultRecorded " + event.id() + " is not suppressed but has no value");
        }
        Correction corr = r.correction() != null && r.correction().correctionId() != null ? r.correction() : null;
        String corrCode = corr == null ? null : CorrectionCodes.reason(corr.reasonCode());
        if (r.metricCode().length() > 60) {
            throw new PoisonEventException("MetricResultRecorded " + event.id() + " has a metric code over 60 characters");
        }
        Instant recordedAt = r.recordedAt() != null ? r.recordedAt() : event.time() != null ? event.time() : calendar.now();
        Timer.Sample sample = Timer.start(registry);
        evaluation.onMetricValue(new MetricValue(r.resultId(), r.schoolId(), r.metricCode(), r.period(),
                withdrawn ? null : r.value(), withdrawn ? null : r.n(), suppressed && !withdrawn,
                r.source() == null || r.source().length() > 40 ? null : r.source(), recordedAt,
                corr == null ? null : corr.correctionId(), corrCode, withdrawn), event.id());
        // how long the evaluation took, and how long after performance-service published the value it was done
        sample.stop(registry.timer("contracts.evaluation.duration"));
        if (event.time() != null) {
            Duration lag = Duration.between(event.time(), calendar.now());
            registry.timer("contracts.evaluation.lag").record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }
}
