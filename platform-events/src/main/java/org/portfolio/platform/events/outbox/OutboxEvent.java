package org.portfolio.platform.events.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/** One outbox row: an event waiting to be (or already) published. Written only through {@link Outbox}. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /**
     * The relay's order, drawn by the database when the row is inserted ({@code default nextval('outbox_event_seq')},
     * backbone migration V0_2): one number per row, never a block per replica, which numbered a later event of one
     * replica below an earlier one of another (review of 2026-12-05). The sequence keeps its step of 50, so a replica of
     * an older release (a rolling deploy), which still takes blocks, never meets these numbers, and going back to it
     * needs no change to the database. Read only: Hibernate never writes it.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    /** The CloudEvents id; the entity's identity (the table's key stays {@code seq}). */
    @Id
    @Column(nullable = false, unique = true)
    public UUID id;

    @Column(name = "aggregate_type", nullable = false, length = 100)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false, length = 100)
    public String aggregateId;

    @Column(nullable = false, length = 200)
    public String type;

    @Column(length = 200)
    public String subject;

    @Column(nullable = false, length = 200)
    public String topic;

    @Column(name = "message_key", nullable = false, length = 200)
    public String messageKey;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String payload;

    @Column(length = 64)
    public String traceparent;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error", length = 1000)
    public String lastError;
}
