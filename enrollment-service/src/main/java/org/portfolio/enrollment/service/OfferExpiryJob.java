package org.portfolio.enrollment.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.platform.web.http.LoggedErrors;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Expires overdue offers of published periods, so their seats move down the waitlists without anyone asking. Each
 * period in a transaction of its own that locks the period before it reads the offers: with two replicas the second
 * run finds the first's work done, and one period's failure leaves the others' expiries in place (hostile read of the
 * eleventh pass: one transaction over every period read them before locking, so a period changed meanwhile — an offer
 * accepted — could fail the whole sweep). A period's expiry runs in batches of at most
 * {@code portfolio.enrollment.offer-expiry-batch} offers (200), each a transaction of its own, so that answers and
 * applications waiting for the period wait for one batch, not for every offer of the round (twenty-second pass).
 */
@ApplicationScoped
public class OfferExpiryJob {

    private static final Logger LOG = Logger.getLogger(OfferExpiryJob.class);

    @Inject
    OfferService offers;

    @ConfigProperty(name = "portfolio.enrollment.offer-expiry-batch", defaultValue = "200")
    int batch;

    /**
     * How long a caller of {@code POST …/offers/expire-overdue} waits: no batch begins after it, and what is left goes to
     * the scheduler (within its interval) or the next call. A round's expiry can take minutes (11,500 offers: 82–88 s),
     * and the gateway gave up after its 30 s with a 504 (twenty-second pass, M2).
     */
    @ConfigProperty(name = "portfolio.enrollment.expire-overdue-answer-within", defaultValue = "20s")
    java.time.Duration answerWithin;

    /** What a run expired: the waitlist offers made, and whether overdue offers were left for later. */
    public record Run(List<Offer> made, boolean more) {
    }

    @Scheduled(every = "${portfolio.enrollment.offer-expiry-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        int moved = expireOverdueEverywhere();
        if (moved > 0) {
            LOG.infof("Expired overdue offers; %d waitlist offer(s) made", moved);
        }
    }

    /** Expires the overdue offers of every published period; how many waitlist offers that made. */
    public int expireOverdueEverywhere() {
        List<UUID> due;
        try {
            due = offers.periodsWithOverdueOffers();
        } catch (RuntimeException e) {
            LOG.warn("Finding overdue offers failed; will retry", LoggedErrors.of(e));
            return 0;
        }
        int moved = 0;
        for (UUID period : due) {
            try {
                moved += expireOverdue(period).size();
            } catch (ProblemException e) {
                // no longer PUBLISHED since it was listed: nothing to expire
            } catch (RuntimeException e) {
                LOG.warn("Expiring the overdue offers of one period failed; will retry", LoggedErrors.of(e));
            }
        }
        return moved;
    }

    /**
     * Expires every overdue offer of the period, batch by batch (each committed before the next begins); the waitlist
     * offers made. A batch that fails leaves the batches before it in place; what is left is expired by the next run.
     */
    public List<Offer> expireOverdue(UUID periodId) {
        return expireOverdueWithin(periodId, null).made();
    }

    /** As {@link #expireOverdue(UUID)}, for a caller waiting for the answer: no batch begins after the configured time. */
    public Run expireOverdueForCaller(UUID periodId) {
        return expireOverdueWithin(periodId, answerWithin);
    }

    /**
     * As {@link #expireOverdue(UUID)}, beginning no batch once {@code within} has passed (null: no limit); at least one
     * batch runs.
     */
    public Run expireOverdueWithin(UUID periodId, java.time.Duration within) {
        long deadline = within == null ? Long.MAX_VALUE : System.nanoTime() + within.toNanos();
        List<Offer> made = new ArrayList<>();
        Set<UUID> skipped = new LinkedHashSet<>();
        OfferService.Expiry expiry;
        do {
            try {
                expiry = offers.expireOverdue(periodId, Math.max(1, batch), skipped);
            } catch (ProblemException e) {
                throw e; // the period is not PUBLISHED (any more): nothing to expire
            } catch (RuntimeException e) {
                expiry = oneByOne(periodId, skipped, e);
            }
            made.addAll(expiry.made());
            if (expiry.more() && System.nanoTime() - deadline >= 0) {
                return new Run(made, true);
            }
        } while (expiry.more());
        return new Run(made, false);
    }

    /**
     * After a batch failed: the offers of one batch one at a time, each in a transaction of its own; one whose expiry
     * fails alone is skipped for the rest of this run (a WARN names it) and the round goes on. Without this one offer
     * whose expiry always failed (a row the seat's waitlist walk cannot take, a constraint it breaks) held back every
     * offer overdue after it, run after run: the batches are the longest overdue first (twenty-second pass, L5). The
     * next run tries it again.
     */
    private OfferService.Expiry oneByOne(UUID periodId, Set<UUID> skipped, RuntimeException batchFailure) {
        List<Offer> made = new ArrayList<>();
        boolean more = true;
        for (int i = 0; i < Math.max(1, batch) && more; i++) {
            Optional<UUID> first = offers.firstOverdue(periodId, skipped);
            if (first.isEmpty()) {
                if (i == 0) {
                    throw batchFailure; // not an offer's own failure
                }
                return new OfferService.Expiry(made, false);
            }
            try {
                OfferService.Expiry one = offers.expireOverdue(periodId, 1, skipped);
                made.addAll(one.made());
                more = one.more();
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                skipped.add(first.get());
                LOG.warn("Expiring overdue offer " + first.get() + " of period " + periodId + " failed; it is skipped"
                        + " until the next run, the period's other overdue offers go on", LoggedErrors.of(e));
            }
        }
        return new OfferService.Expiry(made, more);
    }
}
