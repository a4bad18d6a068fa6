package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A missed benchmark that keeps a revoked grant revoked until it is met again. */
@Entity
@Table(name = "grant_open_miss")
public class OpenMiss extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "grant_id", nullable = false)
    public UUID grantId;

    @Column(name = "benchmark_id", nullable = false)
    public UUID benchmarkId;

    @Column(name = "evaluation_id")
    public UUID evaluationId;

    @Column(name = "reinstate_on_met", nullable = false)
    public boolean reinstateOnMet;

    @Column(name = "missed_at", nullable = false)
    public Instant missedAt;

    public static OpenMiss of(UUID grantId, UUID benchmarkId, UUID evaluationId, boolean reinstateOnMet, Instant at) {
        OpenMiss m = new OpenMiss();
        m.id = UUID.randomUUID();
        m.grantId = grantId;
        m.benchmarkId = benchmarkId;
        m.evaluationId = evaluationId;
        m.reinstateOnMet = reinstateOnMet;
        m.missedAt = at;
        return m;
    }
}
