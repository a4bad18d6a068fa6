package org.portfolio.enrollment.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A program of a period: a school's grade (and track) with seats, a priority order, set-asides and eligibility. */
@Entity
@Table(name = "program")
public class Program extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "period_id", nullable = false)
    public UUID periodId;

    @Column(name = "school_id", nullable = false)
    public UUID schoolId;

    @Column(nullable = false, length = 2)
    public String grade;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false)
    public int seats;

    /** Comma-separated priority groups, best first. */
    @Column(name = "priority_order", nullable = false, length = 200)
    public String priorityOrder;

    /** Comma-separated zones whose residents may apply; empty = everyone. */
    @Column(name = "eligible_zones", nullable = false, length = 1300)
    public String eligibleZones = "";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "program_set_aside", joinColumns = @JoinColumn(name = "program_id"))
    @OrderColumn(name = "position")
    public List<SetAside> setAsides = new ArrayList<>();

    @Column(name = "source_program_id")
    public UUID sourceProgramId;

    @Version
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<PriorityGroup> priorities() {
        return priorityOrder.isBlank() ? List.of()
                : Arrays.stream(priorityOrder.split(",")).map(PriorityGroup::valueOf).toList();
    }

    public List<String> zones() {
        return eligibleZones.isBlank() ? List.of() : Arrays.asList(eligibleZones.split(","));
    }

    /** Seats per block: [open, set-aside 0, set-aside 1, …]. */
    public int[] blockSeats() {
        return blockSeats(seats);
    }

    /**
     * Seats per block when the program fills the given number of seats (e.g. what a previous round left). The
     * set-asides reserve together their total share of the seats rounded half up (never more than the seats), shared
     * among them by largest remainder (ties to the earlier one): rounding each up on its own handed out more seats than
     * the program has (3 seats, two 50 % shares: 2 + 2; review of 2026-12-05). One set-aside gets its share rounded half up.
     */
    public int[] blockSeats(int seats) {
        int n = setAsides.size();
        int[] b = new int[1 + n];
        int totalShare = 0;
        for (SetAside a : setAsides) {
            totalShare += a.sharePercent;
        }
        int reserved = Math.min(seats, (int) Math.floor(seats * (long) totalShare / 100.0 + 0.5));
        long[] remainder = new long[n];
        int given = 0;
        for (int k = 0; k < n; k++) {
            long exact = (long) seats * setAsides.get(k).sharePercent; // in hundredths of a seat
            b[k + 1] = (int) (exact / 100);
            remainder[k] = exact % 100;
            given += b[k + 1];
        }
        while (given < reserved) {
            int best = -1;
            for (int k = 0; k < n; k++) {
                if (remainder[k] >= 0 && (best < 0 || remainder[k] > remainder[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            b[best + 1]++;
            remainder[best] = -1;
            given++;
        }
        b[0] = Math.max(0, seats - given);
        return b;
    }

    /**
     * Seats per block in a round that fills what earlier rounds left (eighth pass, E9: round 2 reserved the share again
     * of the seats left, and 7 of 10 seats at 50 % ended up reserved across the rounds). A set-aside's share is of
     * the program's seats, all rounds together: each set-aside reserves what it is still owed, its block of the whole
     * ({@link #blockSeats(int)} of this round's seats plus those held from earlier rounds) minus the seats of its
     * reserved block still held from earlier rounds (so a declined reserved seat comes back to the reserve, and a
     * reserved seat held by anyone, member or not, counts). Never more than this round's seats, handed out in set-aside
     * order; the rest are open seats. With nothing held before it is {@link #blockSeats(int)}.
     *
     * @param seatsToFill     this round's seats (the program's seats minus the offers still held in earlier rounds)
     * @param heldBefore      the offers still held at this program's copies in earlier rounds, every block
     * @param reservedHeldBefore of those, per set-aside group, the ones held in that group's reserved block
     */
    public int[] blockSeats(int seatsToFill, int heldBefore, java.util.Map<String, Integer> reservedHeldBefore) {
        int[] whole = blockSeats(seatsToFill + heldBefore);
        int[] b = new int[whole.length];
        int left = seatsToFill;
        for (int k = 0; k < setAsides.size(); k++) {
            int owed = Math.max(0, whole[k + 1] - reservedHeldBefore.getOrDefault(setAsides.get(k).group, 0));
            b[k + 1] = Math.min(owed, left);
            left -= b[k + 1];
        }
        b[0] = left;
        return b;
    }
}
