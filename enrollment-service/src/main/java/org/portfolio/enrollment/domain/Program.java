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
}
