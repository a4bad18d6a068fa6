package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.portfolio.platform.web.vocabulary.Grade;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** A public school in the registry. Its id is the school id every service and event uses. */
@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "district_code", nullable = false, unique = true, length = 40)
    public String districtCode;

    @Column(name = "nces_id", unique = true, length = 12)
    public String ncesId;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SchoolType type;

    @Convert(converter = GradesConverter.class)
    @Column(nullable = false, length = 60)
    public Set<Grade> grades = EnumSet.noneOf(Grade.class);

    @Column(length = 300)
    public String address;

    @Column(length = 60)
    public String zone;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "oversight_body_id", nullable = false)
    public OversightBody oversightBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public SchoolStatus status;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A newly registered school is PROPOSED until its oversight body decides to open it. */
    public static School register(String districtCode, String ncesId, String name, SchoolType type, Set<Grade> grades,
                                  String address, String zone, OversightBody oversightBody, Instant now) {
        School s = new School();
        s.id = UUID.randomUUID();
        s.districtCode = districtCode;
        s.ncesId = ncesId;
        s.name = name;
        s.type = type;
        s.grades = grades.isEmpty() ? EnumSet.noneOf(Grade.class) : EnumSet.copyOf(grades);
        s.address = address;
        s.zone = zone;
        s.oversightBody = oversightBody;
        s.status = SchoolStatus.PROPOSED;
        s.createdAt = now;
        s.updatedAt = s.createdAt;
        return s;
    }

    public void update(String districtCode, String ncesId, String name, SchoolType type, Set<Grade> grades,
                       String address, String zone, OversightBody oversightBody, Instant now) {
        this.districtCode = districtCode;
        this.ncesId = ncesId;
        this.name = name;
        this.type = type;
        this.grades = grades.isEmpty() ? EnumSet.noneOf(Grade.class) : EnumSet.copyOf(grades);
        this.address = address;
        this.zone = zone;
        this.oversightBody = oversightBody;
        this.updatedAt = now;
    }

    public void changeStatus(SchoolStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }
}
