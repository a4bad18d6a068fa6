package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A child applying (personal data: kept in this service only, never in events or logs). */
@Entity
@Table(name = "applicant")
public class Applicant extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The district's student number or the enrollment office's reference; unique. */
    @Column(name = "external_ref", nullable = false, length = 60, unique = true)
    public String externalRef;

    @Column(name = "first_name", nullable = false, length = 100)
    public String firstName;

    @Column(name = "last_name", nullable = false, length = 100)
    public String lastName;

    @Column(name = "birth_date", nullable = false)
    public LocalDate birthDate;

    /** The grade the applicant applies for (entering grade). */
    @Column(nullable = false, length = 2)
    public String grade;

    @Column(name = "home_zone", length = 60)
    public String homeZone;

    @Column(name = "current_school_id")
    public UUID currentSchoolId;

    @Column(name = "sibling_school_ids", nullable = false, length = 2000)
    public String siblingSchoolIds = "";

    @Column(name = "staff_school_ids", nullable = false, length = 2000)
    public String staffSchoolIds = "";

    /** Comma-separated set-aside flags, e.g. FRL,ELL. */
    @Column(nullable = false, length = 400)
    public String flags = "";

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    public static String join(List<?> values) {
        return values == null ? "" : String.join(",", values.stream().map(String::valueOf).distinct().toList());
    }

    public ApplicantProfile profile() {
        return new ApplicantProfile(id, grade, homeZone, currentSchoolId, split(siblingSchoolIds), split(staffSchoolIds),
                split(flags));
    }
}
