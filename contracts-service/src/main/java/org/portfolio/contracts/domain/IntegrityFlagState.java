package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * An integrity flag of a school as performance-service announced it (IntegrityFlagRaised / IntegrityFlagResolved),
 * shown on the scorecard. A signal for oversight only: nothing in this service acts on it.
 */
@Entity
@Table(name = "integrity_flag")
public class IntegrityFlagState extends PanacheEntityBase {

    @Id
    @Column(name = "flag_id")
    public UUID flagId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    /** LOW_PARTICIPATION, HIGH_EXCLUSION, YEAR_OVER_YEAR_CHANGE or ENROLLMENT_DROP. */
    @Column(nullable = false, length = 30)
    public String rule;

    @Column(nullable = false, length = 60)
    public String scope;

    /** OPEN or RESOLVED. */
    @Column(nullable = false, length = 12)
    public String status;

    /** What the rule found, in words (counts only). */
    @Column(length = 300)
    public String reason;

    /** The evidence as announced (a JSON object of counts). */
    @Column(columnDefinition = "text")
    public String evidence;

    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by", length = 200)
    public String resolvedBy;

    /** How oversight resolved it (performance-service's code); the resolution's note stays in performance-service. */
    @Column(name = "resolution_code", length = 30)
    public String resolutionCode;

    @Column(name = "last_event_id", nullable = false, length = 200)
    public String lastEventId;
}
