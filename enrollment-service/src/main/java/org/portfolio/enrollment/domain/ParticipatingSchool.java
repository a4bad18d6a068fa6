package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * Enrollment's copy of a school, kept from contracts' events. A school takes part in an enrollment round only
 * while it is OPEN and not under REVOCATION.
 */
@Entity
@Table(name = "participating_school")
public class ParticipatingSchool extends PanacheEntityBase {

    @Id
    @Column(name = "school_id")
    public UUID schoolId;

    @Column(name = "district_code", nullable = false, length = 40)
    public String districtCode;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 20)
    public String type;

    @Column(nullable = false, length = 60)
    public String grades;

    @Column(length = 60)
    public String zone;

    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "under_revocation", nullable = false)
    public boolean underRevocation;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_event_id", nullable = false, length = 200)
    public String lastEventId;

    public boolean takesPart() {
        return "OPEN".equals(status) && !underRevocation;
    }
}
