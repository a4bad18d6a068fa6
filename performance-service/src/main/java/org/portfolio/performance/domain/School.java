package org.portfolio.performance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A school as performance-service knows it from contracts-service's registry events. */
@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "district_code", length = 40)
    public String districtCode;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 20)
    public String type;

    @Column(length = 60)
    public String grades;

    @Column(length = 60)
    public String zone;

    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "last_event_id", length = 200)
    public String lastEventId;

    public List<String> gradeList() {
        return grades == null || grades.isBlank() ? List.of() : List.of(grades.split(","));
    }
}
