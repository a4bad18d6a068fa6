package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of the ordered trail of a school and its contracts: every decision, evaluation and escalation, with
 * who, why and the cause (JSON: the event, evaluation or decision it came from). Append-only.
 */
@Entity
@Table(name = "history_entry")
public class HistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "contract_id")
    public UUID contractId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 40)
    public HistoryKind kind;

    @Column(nullable = false, length = 1000)
    public String summary;

    @Column(nullable = false, length = 200)
    public String actor;

    @Column(columnDefinition = "text")
    public String reason;

    @Column(name = "effective_date")
    public LocalDate effectiveDate;

    /** The id of the decision, version, evaluation or intervention change this entry records. */
    @Column(name = "ref_id")
    public UUID refId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String cause;
}
