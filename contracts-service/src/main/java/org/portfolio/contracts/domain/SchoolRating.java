package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A school's published rating for a year, learnt from SchoolRatingPublished (evidence for decisions). */
@Entity
@Table(name = "school_rating")
public class SchoolRating extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    @Column(name = "rating_id")
    public UUID ratingId;

    @Column(name = "framework_version")
    public Integer frameworkVersion;

    @Column(name = "total_points")
    public BigDecimal totalPoints;

    @Column(name = "max_points")
    public BigDecimal maxPoints;

    public BigDecimal percent;

    /** Kept as text: a tier performance-service adds later is still shown. */
    @Column(length = 20)
    public String tier;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "source_event_id", nullable = false, length = 200)
    public String sourceEventId;
}
