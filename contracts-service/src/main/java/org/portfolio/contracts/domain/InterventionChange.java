package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One change of a contract's intervention level, with why and who. */
@Entity
@Table(name = "intervention_change")
public class InterventionChange extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "contract_id", nullable = false)
    public UUID contractId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_level", nullable = false, length = 30)
    public InterventionLevel previousLevel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public InterventionLevel level;

    @Column(nullable = false, length = 2000)
    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause_kind", nullable = false, length = 30)
    public InterventionCauseKind causeKind;

    @Column(name = "benchmark_id")
    public UUID benchmarkId;

    @Column(name = "evaluation_id")
    public UUID evaluationId;

    @Column(name = "decided_by", nullable = false, length = 200)
    public String decidedBy;

    @Column(name = "effective_date", nullable = false)
    public LocalDate effectiveDate;

    /** The step's due and review dates, from the contract's accountability terms (null when they set none). */
    @Column(name = "due_date")
    public LocalDate dueDate;

    @Column(name = "review_date")
    public LocalDate reviewDate;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public static InterventionChange of(Contract c, InterventionLevel level, String reason, InterventionCauseKind kind,
                                        UUID benchmarkId, UUID evaluationId, String decidedBy, LocalDate effectiveDate,
                                        Instant now) {
        InterventionChange ch = new InterventionChange();
        ch.id = UUID.randomUUID();
        ch.contractId = c.id;
        ch.schoolId = c.schoolId();
        ch.previousLevel = c.interventionLevel;
        ch.level = level;
        ch.reason = reason;
        ch.causeKind = kind;
        ch.benchmarkId = benchmarkId;
        ch.evaluationId = evaluationId;
        ch.decidedBy = decidedBy;
        ch.effectiveDate = effectiveDate;
        ch.changedAt = now;
        return ch;
    }
}
