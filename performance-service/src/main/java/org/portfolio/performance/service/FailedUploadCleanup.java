package org.portfolio.performance.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a failed upload could not record because the database was away (most often the reason it failed): its job
 * marked FAILED and its Idempotency-Key released, retried every few seconds until the database takes them. Without
 * it the job stayed RUNNING and the key claimed until housekeeping took the job for dead (no heartbeat for
 * {@code stale-job-after}, 10 minutes), and an SIS retrying as the 503's {@code Retry-After: 5} asks was refused
 * "still running" about 140 times (an outside check of database outages, twenty-first pass). Held in memory: if this
 * instance stops too, housekeeping still ends them. At most {@link #MAX_PENDING} are kept.
 */
@ApplicationScoped
public class FailedUploadCleanup {

    private static final Logger LOG = Logger.getLogger(FailedUploadCleanup.class);

    /** More than this many failed uploads waiting: the rest are left to housekeeping. */
    static final int MAX_PENDING = 10_000;

    /** A job to mark FAILED (null when it is) and a key to release (null when it is, or none was given). */
    record Pending(UUID jobId, String failure, long bytes, String clientId, String key) {
    }

    private final Map<Object, Pending> pending = new ConcurrentHashMap<>();

    @Inject
    UploadJobs jobs;

    @Inject
    IdempotencyClaims claims;

    /** Retries what the failed upload could not record. */
    void later(UUID jobId, String failure, long bytes, String clientId, String key) {
        if (jobId == null && key == null) {
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            LOG.warnf("Too many failed uploads wait to be recorded; job %s is left to housekeeping", jobId);
            return;
        }
        pending.put(jobId != null ? jobId : clientId + "\n" + key, new Pending(jobId, failure, bytes, clientId, key));
    }

    /** How many wait (for tests and the log). */
    int waiting() {
        return pending.size();
    }

    @Scheduled(every = "${portfolio.performance.ingestion.cleanup-retry:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        for (var e : pending.entrySet()) {
            Pending p = e.getValue();
            try {
                if (p.jobId() != null) {
                    jobs.recordFailure(p.jobId(), p.failure(), p.bytes(), null);
                }
                if (p.key() != null) {
                    claims.releaseNow(p.clientId(), p.key());
                }
            } catch (RuntimeException stillAway) {
                LOG.debugf("Failed uploads still wait to be recorded: %s", stillAway.toString());
                return; // the rest wait for the next round
            }
            pending.remove(e.getKey(), p);
            LOG.infof("A failed upload recorded once the database answered again (job %s)", p.jobId());
        }
    }
}
