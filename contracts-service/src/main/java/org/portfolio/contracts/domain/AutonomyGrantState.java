package org.portfolio.contracts.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The state of one autonomy grant as autonomy-service announced it (shown on the scorecard). */
@Entity
@Table(name = "autonomy_grant_state")
public class AutonomyGrantState extends PanacheEntityBase {

    @Id
    @Column(name = "grant_id")
    public UUID grantId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    /** As announced (text, so a domain added later is still shown). */
    @Column(nullable = false, length = 20)
    public String domain;

    @Column(length = 30)
    public String model;

    /** ACTIVE, PENDING (an EARNED grant that fell back: AutonomyRevoked with cause RATING_FELL), REVOKED or ENDED. */
    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "contract_id")
    public UUID contractId;

    /** When the last announced change happened. */
    @Column(nullable = false)
    public Instant since;

    @Column(name = "cause_kind", length = 40)
    public String causeKind;

    @Column(name = "cause_summary", length = 1000)
    public String causeSummary;

    /** The announced cause's sentence (cause.description), when it had one. */
    @Column(name = "cause_description", length = 1000)
    public String causeDescription;

    /** The ratings the announced cause names (RATING_FELL, RATING_QUALIFIED), comma-separated, latest first. */
    @Column(name = "cause_rating_ids", length = 1000)
    public String causeRatingIds;

    @Column(name = "last_event_id", nullable = false, length = 200)
    public String lastEventId;
}
