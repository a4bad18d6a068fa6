package org.portfolio.performance.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.repository.IngestionJobRepository;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Upload housekeeping: a RUNNING job whose process died (no heartbeat for a while) is marked FAILED and its
 * Idempotency-Key released, so that the SIS can retry; keys older than the retention are forgotten.
 */
@ApplicationScoped
public class Housekeeping {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    @Inject
    IngestionJobRepository jobs;

    @Inject
    IdempotencyClaims idempotency;

    @Inject
    PerformanceConfig config;

    void onStart(@Observes StartupEvent ev) {
        run();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            QuarkusTransaction.requiringNew().run(this::sweep);
        } catch (RuntimeException e) {
            LOG.warnf("Upload housekeeping failed (%s); it runs again in a minute", e.toString());
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        for (IngestionJob j : jobs.stale(now.minus(config.ingestion().staleJobAfter()))) {
            j.status = JobStatus.FAILED;
            j.failure = "Interrupted: the upload stopped making progress (its service instance stopped)";
            j.finishedAt = now;
            LOG.warnf("Upload job %s of %s was interrupted; marked FAILED", j.id, j.clientId);
        }
        // written before the purge reads them: its claims are released in this sweep, not the next (an outside check
        // of database outages, twenty-first pass: the purge's own statement saw them still RUNNING)
        jobs.flush();
        try {
            idempotency.purge(now.minus(config.ingestion().idempotencyRetention()),
                    now.minus(config.ingestion().staleJobAfter()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
