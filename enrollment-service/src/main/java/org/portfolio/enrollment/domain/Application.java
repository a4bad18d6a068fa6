package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An applicant's ranked programs in one period, editable while the window is open. */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "applicant_id", nullable = false)
    public UUID applicantId;

    @Column(nullable = false, length = 20)
    public String status = "SUBMITTED";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_choice", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "rank")
    @Column(name = "program_id", nullable = false)
    public List<UUID> choices = new ArrayList<>();

    @Version
    public long version;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
