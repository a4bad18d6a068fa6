package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.service.ingest.HopelessUploadException;
import org.portfolio.performance.service.ingest.MeteredInputStream;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * SIS uploads, streamed end to end: the life cycle of one upload. The size limit and the Idempotency-Key are checked
 * ({@link IdempotencyClaims}: a retry replays the first answer), the job is created and committed so that others can
 * follow it ({@link UploadJobs}), then the data path runs in one transaction with a timeout ({@link UploadPipeline}:
 * parse, validate, COPY, merge, re-aggregate, events) and the key is completed in it. When anything fails the job
 * is marked FAILED with why, the key released, and the failure answered as a problem ({@link UploadFailures}).
 */
@ApplicationScoped
public class IngestionService {

    private static final Logger LOG = Logger.getLogger(IngestionService.class);

    @Inject
    PerformanceConfig config;

    @Inject
    IdempotencyClaims claims;

    @Inject
    FailedUploadCleanup cleanup;

    @Inject
    UploadJobs jobs;

    @Inject
    UploadPipeline pipeline;

    /** Who uploads: the client id and the schools it may post for (all for a district-wide role). */
    public record Uploader(String clientId, boolean allSchools, Set<UUID> schools) {
    }

    public record Upload(IngestionKind kind, UploadFormat format, InputStream body, Long contentLength,
                         String contentType, String idempotencyKey, String path) {
    }

    /** The job of the upload, the first row errors, and whether this answer replays an earlier one. */
    public record Outcome(IngestionJob job, List<RowError> errors, boolean replayed) {
    }

    /** Uploads under way on this instance (at most {@code ingestion.max-concurrent}). */
    private java.util.concurrent.Semaphore uploads;

    @jakarta.annotation.PostConstruct
    void slots() {
        uploads = new java.util.concurrent.Semaphore(config.ingestion().maxConcurrent());
    }

    /** Uploads under way on this instance per client (at most {@code ingestion.max-concurrent-per-client} each). */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> uploadsByClient = new java.util.concurrent.ConcurrentHashMap<>();

    public Outcome ingest(Uploader who, Upload up) {
        String client = who.clientId();
        if (!enter(client)) {
            throw UploadFailures.busyForClient(client, config.ingestion().maxConcurrentPerClient());
        }
        try {
            if (!uploads.tryAcquire()) {
                throw UploadFailures.busy(config.ingestion().maxConcurrent());
            }
            try {
                return ingestTaken(who, up);
            } finally {
                uploads.release();
            }
        } finally {
            uploadsByClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Counts one more upload of the client, unless it has its most under way already. */
    private boolean enter(String client) {
        int most = config.ingestion().maxConcurrentPerClient();
        boolean[] taken = {false};
        uploadsByClient.compute(client, (c, n) -> {
            int now = n == null ? 0 : n;
            if (now >= most) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private Outcome ingestTaken(Uploader who, Upload up) {
        long limit = config.ingestion().maxBodySize().asLongValue();
        if (up.contentLength() != null && up.contentLength() > limit) {
            throw UploadFailures.tooLarge(limit);
        }
        String key = up.idempotencyKey();
        claims.checkFormat(key);
        MeteredInputStream in = new MeteredInputStream(up.body(), limit, key == null ? null : sha256());
        if (key != null) {
            UUID first = claims.claimOrReplay(who.clientId(), key, up.path(), up.contentType(), up.contentLength(), in);
            if (first != null) {
                return replay(first);
            }
        }
        IngestionJob job;
        try {
            job = jobs.start(up.kind(), up.format(), who.clientId(), key);
        } catch (RuntimeException e) {
            if (!claims.release(who.clientId(), key)) {
                cleanup.later(null, null, 0, who.clientId(), key);
            }
            throw e;
        }
        UUID jobId = job.id;
        try {
            int timeout = (int) Math.max(1, config.ingestion().transactionTimeout().toSeconds());
            UploadPipeline.Finished finished = QuarkusTransaction.requiringNew().timeout(timeout).call(() -> {
                UploadPipeline.Finished f = pipeline.run(jobId, who, up.kind(), up.format(), in);
                if (key != null) {
                    claims.complete(who.clientId(), key, in, jobId);
                }
                return f;
            });
            // the job as the upload's transaction committed it (every field is loaded; no second read)
            IngestionJob done = finished.job();
            LOG.infof("Upload job %s (%s %s) by %s: %d rows, %d accepted, %d rejected, %d inserted, %d updated, "
                            + "%d metric results and %d ratings changed", jobId, up.kind(), up.format(), who.clientId(),
                    done.rowsReceived, done.rowsAccepted, done.rowsRejected, done.rowsInserted, done.rowsUpdated,
                    done.metricResultsChanged, done.ratingsChanged);
            return new Outcome(done, finished.firstErrors(), false);
        } catch (Throwable t) {
            Throwable cause = UploadFailures.unwrap(t);
            String failure = UploadFailures.failureMessage(cause);
            boolean recorded = jobs.fail(jobId, failure, in.count(), cause instanceof HopelessUploadException h ? h.errors() : null);
            boolean released = claims.release(who.clientId(), key);
            if (!recorded || !released) {
                // the database away (the likely reason this upload failed): recorded once it is back, so that the
                // SIS's retry is not refused "still running" until housekeeping takes the job for dead (10 minutes)
                cleanup.later(recorded ? null : jobId, failure, in.count(), who.clientId(), released ? null : key);
            }
            throw UploadFailures.translate(cause, jobId, limit, config.ingestion().responseErrors());
        }
    }

    private Outcome replay(UUID jobId) {
        try {
            return new Outcome(jobs.find(jobId), jobs.firstErrors(jobId, config.ingestion().responseErrors()), true);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the job to replay failed", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
