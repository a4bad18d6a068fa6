package org.portfolio.performance.domain;

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

/** One SIS upload: its progress while it runs, then what it received, kept, rejected and changed. */
@Entity
@Table(name = "ingestion_job")
public class IngestionJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public IngestionKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    public UploadFormat format;

    @Column(name = "client_id", nullable = false, length = 200)
    public String clientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public JobStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    public JobPhase phase;

    @Column(name = "rows_received", nullable = false)
    public long rowsReceived;
    @Column(name = "rows_accepted", nullable = false)
    public long rowsAccepted;
    @Column(name = "rows_rejected", nullable = false)
    public long rowsRejected;
    @Column(name = "rows_inserted", nullable = false)
    public long rowsInserted;
    @Column(name = "rows_updated", nullable = false)
    public long rowsUpdated;
    @Column(name = "rows_unchanged", nullable = false)
    public long rowsUnchanged;
    @Column(name = "rows_duplicate", nullable = false)
    public long rowsDuplicate;
    @Column(name = "bytes_received", nullable = false)
    public long bytesReceived;
    @Column(name = "schools_affected", nullable = false)
    public int schoolsAffected;
    @Column(name = "metric_results_changed", nullable = false)
    public int metricResultsChanged;
    @Column(name = "ratings_changed", nullable = false)
    public int ratingsChanged;
    @Column(name = "errors_stored", nullable = false)
    public int errorsStored;
    /** Every row error of the upload; only the first are stored (errorsStored). */
    @Column(name = "errors_total", nullable = false)
    public long errorsTotal;

    @Column(name = "idempotency_key", length = 200)
    public String idempotencyKey;

    @Column(length = 1000)
    public String failure;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "heartbeat_at", nullable = false)
    public Instant heartbeatAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    public static IngestionJob start(IngestionKind kind, UploadFormat format, String clientId, String idempotencyKey,
                                     Instant now) {
        IngestionJob j = new IngestionJob();
        j.id = UUID.randomUUID();
        j.kind = kind;
        j.format = format;
        j.clientId = clientId;
        j.idempotencyKey = idempotencyKey;
        j.status = JobStatus.RUNNING;
        j.phase = JobPhase.RECEIVING;
        j.startedAt = now;
        j.heartbeatAt = j.startedAt;
        return j;
    }
}
