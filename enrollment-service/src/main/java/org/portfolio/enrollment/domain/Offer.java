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

/** A seat offered to an applicant at one of its choices, by the match or from a waitlist. */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    public static final String FROM_MATCH = "MATCH";
    public static final String FROM_WAITLIST = "WAITLIST";

    @Id
    public UUID id;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "applicant_id", nullable = false)
    public UUID applicantId;

    @Column(name = "program_id", nullable = false)
    public UUID programId;

    /** 1 = first choice. */
    @Column(name = "choice_rank", nullable = false)
    public int choiceRank;

    /** Seat block: 0 = open seats, k = set-aside k-1. */
    @Column(nullable = false)
    public int block;

    @Column(name = "priority_group", nullable = false, length = 20)
    public String priorityGroup;

    @Column(nullable = false)
    public double lottery;

    @Column(nullable = false, length = 20)
    public String source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public OfferStatus status;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "responded_at")
    public Instant respondedAt;

    @Version
    public long version;
}
