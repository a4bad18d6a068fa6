package org.portfolio.autonomy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A school as the autonomy service knows it, learned from contracts-service's registry events (or first seen in
 * any event about it). Its row is also the lock that serialises all changes to one school's grants.
 */
@Entity
@Table(name = "school")
public class School extends PanacheEntityBase {

    public static final String CLOSED = "CLOSED";

    @Id
    public UUID id;

    @Column(name = "district_code", length = 40)
    public String districtCode;

    @Column(length = 200)
    public String name;

    @Column(length = 20)
    public String type;

    /** PROPOSED, OPEN, CLOSING, CLOSED; null while only other events have mentioned the school. */
    @Column(length = 20)
    public String status;

    @Column(name = "status_reason", columnDefinition = "text")
    public String statusReason;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    public boolean isClosed() {
        return CLOSED.equals(status);
    }
}
