package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A school's intervention level as contracts last announced it; REVOCATION keeps the school out of enrollment. */
@Entity
@Table(name = "school_intervention")
public class SchoolIntervention extends PanacheEntityBase {

    public static final String REVOCATION = "REVOCATION";

    @Id
    @Column(name = "school_id")
    public UUID schoolId;

    @Column(nullable = false, length = 30)
    public String level;

    @Column(name = "contract_id")
    public UUID contractId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_event_id", nullable = false, length = 200)
    public String lastEventId;
}
