package org.portfolio.contracts.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.repository.ContractRepository;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Ends contracts when they are due: a decided end (non-renewal, termination on a date) on its date, otherwise
 * EXPIRED the day after the last day of the term's last school year. Runs daily (configurable cron); each contract
 * ends in its own transaction, so one failure does not hold up the rest, and a concurrent run by another replica
 * is harmless (each contract is locked while it ends: the other replica waits, then skips it as no longer ACTIVE).
 */
@ApplicationScoped
public class ContractExpiryJob {

    private static final Logger LOG = Logger.getLogger(ContractExpiryJob.class);

    @Inject
    ContractRepository contracts;

    @Inject
    ContractEnding service;

    @Inject
    SchoolCalendar calendar;

    /**
     * Just after midnight in the district's time zone, the one {@link SchoolCalendar#today()} counts in (hostile review
     * of 2026-12-05, sixth pass: the cron ran in the JVM's zone, so a Chicago district on a UTC machine had its
     * contracts end at 19:05 the day after).
     */
    @Scheduled(identity = "contract-expiry", cron = "${portfolio.contracts.expiry.cron:0 5 0 * * ?}",
            timeZone = "${portfolio.contracts.time-zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        missed.attempt(this::run);
    }

    private final MissedRun missed = new MissedRun("The contract expiry job");

    /** A nightly run that failed (the database away) is done as soon as it can be, not the next night. */
    @Scheduled(identity = "contract-expiry-retry", every = "${portfolio.contracts.missed-run-retry:1m}", delayed = "${portfolio.contracts.missed-run-retry:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryMissed() {
        missed.retryIfMissed(this::run);
    }

    /** Ends every contract whose last day (decided, or its term's) has passed; returns how many ended. */
    public int run() {
        LocalDate today = calendar.today();
        SchoolYear lastEnded = calendar.currentSchoolYear().plusYears(-1);
        // a decided end's date is the contract's last day, as a term's is: both end the night after it
        Set<UUID> due = new LinkedHashSet<>(QuarkusTransaction.requiringNew().call(() -> contracts.findActiveWithScheduledEndBy(today.minusDays(1))));
        due.addAll(QuarkusTransaction.requiringNew().call(() -> contracts.findActiveWithTermEndedBy(lastEnded.toString())));
        int ended = 0;
        for (UUID id : due) {
            try {
                if (service.endIfDue(id)) {
                    ended++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(org.portfolio.platform.web.http.LoggedErrors.of(e), "Could not end contract %s; the next run tries again", id);
            }
        }
        if (ended > 0) {
            LOG.infof("Expiry job ended %d contract(s) on %s", ended, today);
        }
        return ended;
    }
}
