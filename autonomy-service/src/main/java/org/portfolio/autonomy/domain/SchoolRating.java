package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The latest published rating of a school for one school year (from SchoolRatingPublished). */
@Entity
@Table(name = "school_rating")
public class SchoolRating extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "rating_id", nullable = false)
    public UUID ratingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public RatingTier tier;

    @Column(precision = 7, scale = 2)
    public BigDecimal percent;

    @Column(name = "framework_version")
    public Integer frameworkVersion;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "event_id", nullable = false, length = 200)
    public String eventId;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    public String schoolYear() {
        return key.schoolYear;
    }

    /** The rating a newer publication for the same school and year replaced: its id and tier. */
    public record Replaced(UUID ratingId, RatingTier tier) {
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "school_id", nullable = false)
        public UUID schoolId;

        @Column(name = "school_year", nullable = false, length = 7)
        public String schoolYear;

        public Key() {
        }

        public Key(UUID schoolId, String schoolYear) {
            this.schoolId = schoolId;
            this.schoolYear = schoolYear;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(schoolId, k.schoolId) && Objects.equals(schoolYear, k.schoolYear);
        }

        @Override
        public int hashCode() {
            return Objects.hash(schoolId, schoolYear);
        }
    }
}
