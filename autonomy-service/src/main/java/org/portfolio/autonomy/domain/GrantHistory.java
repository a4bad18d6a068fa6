package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a grant's history: what happened, the status before and after, the stored cause, and the grant's terms
 * (domain, model, decisions, effective dates, successor contract) after the change.
 */
@Entity
@Table(name = "grant_history")
public class GrantHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "grant_id", nullable = false)
    public UUID grantId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    public GrantAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 20)
    public GrantStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false, length = 20)
    public GrantStatus toStatus;

    @Embedded
    public Cause cause;

    /** The grant's terms after this change, for a check of a past date (null on entries older than V10). */
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public AutonomyDomain domain;

    @Enumerated(EnumType.STRING)
    @Column(length = 30)
    public GrantModel model;

    @Convert(converter = StringListConverter.class)
    @Column(length = 4000)
    public List<String> decisions;

    @Column(name = "effective_from")
    public LocalDate effectiveFrom;

    @Column(name = "effective_to")
    public LocalDate effectiveTo;

    @Column(name = "successor_contract_id")
    public UUID successorContractId;

    static GrantHistory of(Grant g, GrantAction action, GrantStatus from, GrantStatus to, Cause cause, Instant at) {
        GrantHistory h = new GrantHistory();
        h.grantId = g.id;
        h.schoolId = g.schoolId;
        h.at = at;
        h.action = action;
        h.fromStatus = from;
        h.toStatus = to;
        h.cause = cause.copy();
        h.domain = g.domain;
        h.model = g.model;
        h.successorContractId = g.successorContractId;
        h.decisions = List.copyOf(g.decisions);
        h.effectiveFrom = g.effectiveFrom;
        h.effectiveTo = g.effectiveTo;
        return h;
    }
}
