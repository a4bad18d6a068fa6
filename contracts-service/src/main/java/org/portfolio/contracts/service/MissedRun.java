package org.portfolio.contracts.service;

import org.jboss.logging.Logger;
import org.portfolio.platform.web.http.LoggedErrors;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A scheduled job's run that failed as a whole (its database away when its hour came) is tried again at every retry
 * tick until one succeeds: before, the accountability clock waited for its next hour and the contract expiry for the
 * next night, so a contract past its end kept its autonomy a day longer (an outside check of database outages,
 * twenty-first pass). The jobs are safe to run twice or on two replicas at once (each finding under its contract's
 * lock, recorded once). One warning per outage, not one per tick.
 */
final class MissedRun {

    private static final Logger LOG = Logger.getLogger(MissedRun.class);

    private final String job;
    private final AtomicBoolean missed = new AtomicBoolean();

    MissedRun(String job) {
        this.job = job;
    }

    /** Runs the job now (its schedule); a failure is remembered, and retried by {@link #retryIfMissed}. */
    void attempt(Runnable run) {
        try {
            run.run();
            if (missed.getAndSet(false)) {
                LOG.infof("%s ran once the failure was gone", job);
            }
        } catch (RuntimeException e) {
            if (!missed.getAndSet(true)) {
                LOG.warnf("%s could not run (%s); it is tried again every minute until it does", job, LoggedErrors.rootSummary(e));
            } else {
                LOG.debugf("%s still cannot run: %s", job, LoggedErrors.rootSummary(e));
            }
        }
    }

    /** At a retry tick: runs the job again if its last run failed. */
    void retryIfMissed(Runnable run) {
        if (missed.get()) {
            attempt(run);
        }
    }

    boolean missed() {
        return missed.get();
    }
}
