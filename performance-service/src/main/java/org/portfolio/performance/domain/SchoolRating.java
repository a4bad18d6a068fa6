package org.portfolio.performance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One computed version of a school's rating for a year; {@code current} marks the latest. History is kept. */
@Entity
@Table(name = "school_rating")
public class SchoolRating extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    @Column(name = "framework_id", nullable = false)
    public UUID frameworkId;

    @Column(name = "framework_version", nullable = false)
    public int frameworkVersion;

    @Column(nullable = false)
    public boolean rated;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    public RatingTier tier;

    @Column(name = "total_points", nullable = false, precision = 8, scale = 2)
    public BigDecimal totalPoints;

    @Column(name = "max_points", nullable = false, precision = 8, scale = 2)
    public BigDecimal maxPoints;

    @Column(precision = 5, scale = 1)
    public BigDecimal percent;

    @Column(name = "coverage_percent", nullable = false, precision = 5, scale = 1)
    public BigDecimal coveragePercent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public RatingResult details;

    /** Canonical form of what the rating says (framework and result), to tell a real change from a recomputation. */
    @Column(nullable = false, columnDefinition = "text")
    public String fingerprint;

    @Column(nullable = false)
    public boolean current;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "computed_at", nullable = false)
    public Instant computedAt;

    public static SchoolRating of(UUID schoolId, Framework f, RatingResult r, String fingerprint, Instant now) {
        SchoolRating s = new SchoolRating();
        s.id = UUID.randomUUID();
        s.schoolId = schoolId;
        s.schoolYear = f.schoolYear;
        s.frameworkId = f.id;
        s.frameworkVersion = f.version;
        s.rated = r.rated();
        s.tier = r.tier();
        s.totalPoints = r.totalPoints();
        s.maxPoints = r.maxPoints();
        s.percent = r.percent();
        s.coveragePercent = r.coveragePercent();
        s.details = r;
        s.fingerprint = fingerprint;
        s.current = true;
        s.computedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return s;
    }
}
