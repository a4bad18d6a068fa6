package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A BenchmarkEvaluated event as received, with how many grants it revoked or reinstated. */
@Entity
@Table(name = "benchmark_evaluation")
public class BenchmarkEvaluation extends PanacheEntityBase {

    @Id
    @Column(name = "event_id", length = 200)
    public String eventId;

    @Column(name = "evaluation_id")
    public UUID evaluationId;

    @Column(name = "benchmark_id", nullable = false)
    public UUID benchmarkId;

    @Column(name = "contract_id")
    public UUID contractId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "metric_code", length = 60)
    public String metricCode;

    @Column(length = 7)
    public String period;

    @Column(length = 5)
    public String comparator;

    @Column(precision = 20, scale = 6)
    public BigDecimal target;

    @Column(precision = 18, scale = 4)
    public BigDecimal actual;

    public Integer n;

    /** MET or MISSED. */
    @Column(nullable = false, length = 10)
    public String result;

    /** Comma-separated domains. */
    @Column(name = "guards_domains", nullable = false, length = 100)
    public String guardsDomains;

    @Column(name = "reinstate_on_met", nullable = false)
    public boolean reinstateOnMet;

    @Column(name = "intervention_level", length = 40)
    public String interventionLevel;

    @Column(name = "grants_revoked", nullable = false)
    public int grantsRevoked;

    @Column(name = "grants_reinstated", nullable = false)
    public int grantsReinstated;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** The domains it guarded, as the event named them. */
    public java.util.Set<AutonomyDomain> guards() {
        java.util.Set<AutonomyDomain> out = java.util.EnumSet.noneOf(AutonomyDomain.class);
        if (guardsDomains != null) {
            for (String d : guardsDomains.split(",")) {
                if (!d.isBlank()) {
                    out.add(AutonomyDomain.valueOf(d.trim()));
                }
            }
        }
        return out;
    }
}
