package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** Family demand for a school in one enrollment round, learnt from DemandReported (evidence for decisions). */
@Entity
@Table(name = "school_demand")
public class SchoolDemand extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    @Column(nullable = false)
    public int round;

    @Column(nullable = false)
    public int applicants;

    @Column(name = "first_choices", nullable = false)
    public int firstChoices;

    @Column(nullable = false)
    public int seats;

    @Column(nullable = false)
    public int offers;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    @Column(name = "source_event_id", nullable = false, length = 200)
    public String sourceEventId;
}
