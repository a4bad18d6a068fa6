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
    @Column(name = "eligible_zones", nullable = false, length = 400)
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

    /** Seats per block when the program fills the given number of seats (e.g. what a previous round left). */
    public int[] blockSeats(int seats) {
        int[] b = new int[1 + setAsides.size()];
        int reserved = 0;
        for (int k = 0; k < setAsides.size(); k++) {
            b[k + 1] = setAsides.get(k).seats(seats);
            reserved += b[k + 1];
        }
        b[0] = Math.max(0, seats - reserved);
        return b;
    }
}
