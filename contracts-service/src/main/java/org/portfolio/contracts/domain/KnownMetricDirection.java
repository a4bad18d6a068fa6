package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A metric's better direction as performance-service announced it (MetricDefined); metrics never change it. */
@Entity
@Table(name = "metric_direction")
public class KnownMetricDirection extends PanacheEntityBase {

    @Id
    @Column(name = "metric_code", length = 60)
    public String metricCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public MetricDirection direction;

    @Column(name = "defined_at")
    public Instant definedAt;

    /** The MetricDefined event it was learned from. */
    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "learned_at", nullable = false)
    public Instant learnedAt;
}
