package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An enrollment period (a round): its window, its state, its lottery seed and the match summary. */
@Entity
@Table(name = "enrollment_period")
public class EnrollmentPeriod extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(name = "school_year", nullable = false, length = 7)
    public String schoolYear;

    @Column(nullable = false)
    public int round;

    @Column(name = "previous_period_id")
    public UUID previousPeriodId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public PeriodStatus status;

    @Column(name = "max_choices", nullable = false)
    public int maxChoices;

    @Column(name = "applications_open_at")
    public Instant applicationsOpenAt;

    @Column(name = "applications_close_at")
    public Instant applicationsCloseAt;

    @Column(name = "offer_deadline", nullable = false)
    public Instant offerDeadline;

    @Column(name = "waitlist_response_hours", nullable = false)
    public int waitlistResponseHours;

    /** Recorded when the window closes, before any draw; revealed when the match is published. */
    @Column(name = "lottery_seed", length = 64)
    public String lotterySeed;

    /** SHA-256 of the seed, shown from the moment it is recorded (a commitment anyone can check later). */
    @Column(name = "lottery_seed_sha256", length = 64)
    public String lotterySeedSha256;

    @Column(name = "seed_recorded_at")
    public Instant seedRecordedAt;

    @Column(name = "matched_at")
    public Instant matchedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "applicants_matched")
    public Integer applicantsMatched;

    @Column(name = "applicants_total")
    public Integer applicantsTotal;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean acceptsApplications() {
        return status == PeriodStatus.OPEN;
    }

    /** Programs can be added and changed until the window closes. */
    public boolean programsEditable() {
        return status == PeriodStatus.DRAFT || status == PeriodStatus.OPEN;
    }

    public void touch(Instant now) {
        updatedAt = now;
    }
}
