package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.JobPhase;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.repository.IngestionJobRepository;
import org.portfolio.performance.repository.JobErrorStore;
import org.portfolio.performance.service.ingest.RowErrors;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The job of each upload: created (and committed) before the body is read, its progress written while it runs,
 * completed in the upload's transaction, or marked FAILED in a transaction of its own when the upload's rolled back.
 * Row errors: the first ones are stored with the job, all are counted ({@code errorsTotal}).
 */
@ApplicationScoped
public class UploadJobs {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(UploadJobs.class);

    @Inject
    IngestionJobRepository jobs;

    @Inject
    JobErrorStore errors;

    /** What an upload did, for its job. */
    public record Totals(long received, long accepted, long rejected, long inserted, long updated, long unchanged,
                         long distinct, long bytes, int schoolYears, int metricsChanged, int ratingsChanged) {
    }

    public IngestionJob start(IngestionKind kind, UploadFormat format, String clientId, String idempotencyKey) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IngestionJob j = IngestionJob.start(kind, format, clientId, idempotencyKey, clock.instant());
            jobs.persist(j);
            return j;
        });
    }

    /** The job as an earlier request left it, and its first row errors (an Idempotency-Key replay). */
    public IngestionJob find(UUID jobId) {
        return jobs.findById(jobId);
    }

    public List<RowError> firstErrors(UUID jobId, int n) throws SQLException {
        return errors.page(jobId, 0, n);
    }

    /** In the upload's transaction: the job is COMPLETED with its counts and its first row errors. */
    public IngestionJob complete(UUID jobId, Totals t, RowErrors rowErrors) throws SQLException {
        errors.insert(jobId, rowErrors.kept());
        IngestionJob job = jobs.findById(jobId);
        if (job.status != JobStatus.RUNNING) {
            // housekeeping took it for interrupted (no heartbeat for staleJobAfter): the upload did commit, so the job
            // says so, without the failure it was given (third pass of 2026-12-05: COMPLETED with a failure)
            LOG.warnf("Upload job %s was marked %s while it ran; it completes", jobId, job.status);
            job.failure = null;
        }
        job.status = JobStatus.COMPLETED;
        job.phase = JobPhase.DONE;
        job.rowsReceived = t.received();
        job.rowsAccepted = t.accepted();
        job.rowsRejected = t.rejected();
        job.rowsInserted = t.inserted();
        job.rowsUpdated = t.updated();
        job.rowsUnchanged = t.unchanged();
        job.rowsDuplicate = t.accepted() - t.distinct();
        job.bytesReceived = t.bytes();
        job.schoolsAffected = t.schoolYears();
        job.metricResultsChanged = t.metricsChanged();
        job.ratingsChanged = t.ratingsChanged();
        job.errorsStored = rowErrors.kept().size();
        job.errorsTotal = rowErrors.total();
        job.finishedAt = clock.instant();
        job.heartbeatAt = job.finishedAt;
        return job;
    }

    /**
     * In a transaction of its own (the upload's rolled back): the job is FAILED with why, and the row
     * errors found before it stopped, if it stopped because of them. False when that could not be recorded (the
     * database away): the caller has it retried ({@link FailedUploadCleanup}).
     */
    public boolean fail(UUID jobId, String failure, long bytes, RowErrors rowErrors) {
        try {
            recordFailure(jobId, failure, bytes, rowErrors);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark job %s failed: %s (retried)", jobId, org.portfolio.platform.web.http.LoggedErrors.rootSummary(e));
            return false;
        }
    }

    /** As {@link #fail}, throwing when the database does not take it. */
    void recordFailure(UUID jobId, String failure, long bytes, RowErrors rowErrors) {
        QuarkusTransaction.requiringNew().run(() -> {
            IngestionJob j = jobs.findById(jobId);
            if (j == null || j.status == JobStatus.COMPLETED) {
                return;
            }
            j.status = JobStatus.FAILED;
            j.failure = org.portfolio.platform.web.text.Texts.cut(failure, 901);
            j.bytesReceived = bytes;
            j.finishedAt = clock.instant();
            j.heartbeatAt = j.finishedAt;
            if (rowErrors != null) {
                try {
                    errors.insert(jobId, rowErrors.kept());
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                j.errorsStored = rowErrors.kept().size();
                j.errorsTotal = rowErrors.total();
            }
        });
    }

    public Progress progress(UUID jobId, long intervalNanos) {
        return new Progress(jobId, intervalNanos);
    }

    /** One thread for every upload's heartbeat while it waits or works without reading rows. */
    private static final java.util.concurrent.ScheduledExecutorService HEARTBEATS =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "upload-heartbeat");
                t.setDaemon(true);
                return t;
            });

    /**
     * Progress of a running upload, written to its job in short transactions of their own so that other requests see
     * it: the counts every interval, and each phase change once the upload has run for an interval. An upload that is
     * over sooner (most SIS syncs: a few rows) writes no progress at all; its job goes from RUNNING straight to its
     * final state in the upload's own transaction, which spares it two commits and a second connection.
     */
    public final class Progress {
        private final UUID jobId;
        private final long intervalNanos;
        private final long started = System.nanoTime();
        private long last = started;

        private Progress(UUID jobId, long intervalNanos) {
            this.jobId = jobId;
            this.intervalNanos = intervalNanos;
        }

        public void maybe(long received, long accepted, long rejected, long bytes) {
            long now = System.nanoTime();
            if (now - last >= intervalNanos) {
                last = now;
                write(null, received, accepted, rejected, bytes);
            }
        }

        public void phase(JobPhase phase, long received, long accepted, long rejected, long bytes) {
            if (System.nanoTime() - started >= intervalNanos) {
                last = System.nanoTime();
                write(phase, received, accepted, rejected, bytes);
            }
        }

        /**
         * Writes the job's heartbeat every {@code every} until closed: for the merge, which may wait long for the locks
         * of its school-years (behind a framework's publication or other large uploads) and reads no rows meanwhile, so
         * that housekeeping does not take it for interrupted (third pass of 2026-12-05: marked FAILED after 10 minutes
         * of waiting, its Idempotency-Key released, then COMPLETED).
         */
        public AutoCloseable heartbeatEvery(java.time.Duration every) {
            long ms = Math.max(1, every.toMillis());
            var beat = HEARTBEATS.scheduleAtFixedRate(() -> {
                try {
                    QuarkusTransaction.requiringNew().run(() -> jobs.update("heartbeatAt = ?1 where id = ?2 and status = ?3",
                            clock.instant(), jobId, JobStatus.RUNNING));
                } catch (RuntimeException e) {
                    LOG.debugf("Heartbeat of upload job %s not written: %s", jobId, e.toString());
                }
            }, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
            return () -> beat.cancel(false);
        }

        private void write(JobPhase phase, long received, long accepted, long rejected, long bytes) {
            QuarkusTransaction.requiringNew().run(() -> {
                if (phase == null) {
                    jobs.update("rowsReceived = ?1, rowsAccepted = ?2, rowsRejected = ?3, bytesReceived = ?4, "
                                    + "heartbeatAt = ?5 where id = ?6 and status = ?7", received, accepted, rejected,
                            bytes, clock.instant(), jobId, JobStatus.RUNNING);
                } else {
                    jobs.update("rowsReceived = ?1, rowsAccepted = ?2, rowsRejected = ?3, bytesReceived = ?4, "
                                    + "heartbeatAt = ?5, phase = ?6 where id = ?7 and status = ?8", received, accepted,
                            rejected, bytes, clock.instant(), phase, jobId, JobStatus.RUNNING);
                }
            });
        }
    }
}
