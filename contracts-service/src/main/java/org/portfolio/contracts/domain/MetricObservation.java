package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The latest value of a school metric for a period, learnt from performance-service's MetricResultRecorded. */
@Entity
@Table(name = "metric_observation")
public class MetricObservation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "metric_code", nullable = false, length = 60)
    public String metricCode;

    @Column(nullable = false, length = 7)
    public String period;

    public BigDecimal value;

    public Integer n;

    @Column(nullable = false)
    public boolean suppressed;

    @Column(length = 40)
    public String source;

    @Column(name = "result_id")
    public UUID resultId;

    /** When performance-service recorded the value (orders values that arrive out of order). */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "source_event_id", nullable = false, length = 200)
    public String sourceEventId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public static MetricObservation of(UUID schoolId, String metricCode, String period) {
        MetricObservation o = new MetricObservation();
        o.id = UUID.randomUUID();
        o.schoolId = schoolId;
        o.metricCode = metricCode;
        o.period = period;
        return o;
    }

    public boolean sameValueAs(BigDecimal otherValue, Integer otherN, boolean otherSuppressed) {
        return suppressed == otherSuppressed && Objects.equals(n, otherN)
                && (value == null ? otherValue == null : otherValue != null && value.compareTo(otherValue) == 0);
    }
}
