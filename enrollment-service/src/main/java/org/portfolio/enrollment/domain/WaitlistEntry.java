package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** An applicant waiting at a program it ranked above its offer (or at any program it ranked, when it has none). */
@Entity
@Table(name = "waitlist_entry")
@IdClass(WaitlistEntry.Key.class)
public class WaitlistEntry extends PanacheEntityBase {

    public static final String WAITING = "WAITING";
    /** Moved off the list with an offer at this program. */
    public static final String OFFERED = "OFFERED";
    /** Left: got a better offer, declined or let an offer expire, or the waitlists closed. */
    public static final String REMOVED = "REMOVED";
    /**
     * Left an earlier round's list because the applicant applied in a later round: back to WAITING if it withdraws that
     * application while the later round is open (review of the twenty-fifth pass, E5: one mistaken submission lost the
     * earlier rounds' places for good); REMOVED when this round's lists close (at the next round's match). A family reads
     * it as LEFT_WAITLIST, as REMOVED.
     */
    public static final String MOVED_ON = "MOVED_ON";
    public static final String CLOSED = "CLOSED";

    @Id
    @Column(name = "program_id")
    public UUID programId;

    @Id
    @Column(name = "applicant_id")
    public UUID applicantId;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "choice_rank", nullable = false)
    public int choiceRank;

    @Column(name = "priority_group", nullable = false, length = 20)
    public String priorityGroup;

    @Column(name = "priority_tier", nullable = false)
    public int priorityTier;

    @Column(name = "reserve_mask", nullable = false)
    public int reserveMask;

    @Column(nullable = false)
    public double lottery;

    @Column(name = "lottery_rank", nullable = false)
    public int lotteryRank;

    @Column(nullable = false, length = 20)
    public String status;

    public static class Key implements Serializable {
        public UUID programId;
        public UUID applicantId;

        public Key() {
        }

        public Key(UUID programId, UUID applicantId) {
            this.programId = programId;
            this.applicantId = applicantId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(programId, k.programId) && Objects.equals(applicantId, k.applicantId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(programId, applicantId);
        }
    }
}
