package org.portfolio.performance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A version of the performance framework for one school year. A DRAFT can be edited; publishing it makes it the
 * framework that rates that year (the previously published version becomes SUPERSEDED) and freezes it: a change
 * is a new version.
 */
@Entity
@Table(name = "framework")
public class Framework extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 2000)
    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public FrameworkStatus status;

    /** Values with n below this are suppressed from public views and ratings (unless the metric overrides it). */
    @Column(name = "minimum_n", nullable = false)
    public int minimumN;

    /** Performance level (1–5) at or above which a student counts as proficient. */
    @Column(name = "proficient_level", nullable = false)
    public short proficientLevel;

    /** A school is rated only when its available metrics weigh at least this share of the framework. */
    @Column(name = "minimum_coverage_percent", nullable = false, precision = 5, scale = 1)
    public BigDecimal minimumCoveragePercent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public FrameworkDefinition definition;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "published_by", length = 200)
    public String publishedBy;

    @Column(name = "superseded_at")
    public Instant supersededAt;

    public static Framework draft(String schoolYear, int version, String name, String description, int minimumN,
                                  short proficientLevel, BigDecimal minimumCoveragePercent, FrameworkDefinition definition,
                                  String createdBy, Instant now) {
        Framework f = new Framework();
        f.id = UUID.randomUUID();
        f.schoolYear = schoolYear;
        f.version = version;
        f.status = FrameworkStatus.DRAFT;
        f.createdAt = now;
        f.createdBy = createdBy;
        f.revise(name, description, minimumN, proficientLevel, minimumCoveragePercent, definition);
        return f;
    }

    public boolean isDraft() {
        return status == FrameworkStatus.DRAFT;
    }

    /** Replaces a draft's content. */
    public void revise(String name, String description, int minimumN, short proficientLevel,
                       BigDecimal minimumCoveragePercent, FrameworkDefinition definition) {
        if (!isDraft()) {
            throw new IllegalStateException("framework " + id + " is " + status);
        }
        this.name = name;
        this.description = description;
        this.minimumN = minimumN;
        this.proficientLevel = proficientLevel;
        this.minimumCoveragePercent = minimumCoveragePercent;
        this.definition = definition;
    }

    public void publish(String by, Instant now) {
        if (!isDraft()) {
            throw new IllegalStateException("framework " + id + " is " + status);
        }
        status = FrameworkStatus.PUBLISHED;
        publishedAt = now;
        publishedBy = by;
    }

    public void supersede(Instant now) {
        status = FrameworkStatus.SUPERSEDED;
        supersededAt = now;
    }

    /** The minimum n for a metric: the metric's own when the framework sets one, else the framework's. */
    public int minimumNFor(String metricCode) {
        return definition.metric(metricCode).map(FrameworkDefinition.FrameworkMetric::minimumN)
                .filter(n -> n != null).orElse(minimumN);
    }
}
