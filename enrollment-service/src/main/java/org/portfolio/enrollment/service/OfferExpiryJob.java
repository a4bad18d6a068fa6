package org.portfolio.enrollment.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.platform.web.http.LoggedErrors;

/** Expires overdue offers of published periods, so their seats move down the waitlists without anyone asking. */
@ApplicationScoped
public class OfferExpiryJob {

    private static final Logger LOG = Logger.getLogger(OfferExpiryJob.class);

    @Inject
    OfferService offers;

    @Scheduled(every = "${portfolio.enrollment.offer-expiry-interval:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        try {
            int moved = offers.expireAllOverdue();
            if (moved > 0) {
                LOG.infof("Expired overdue offers; %d waitlist offer(s) made", moved);
            }
        } catch (RuntimeException e) {
            LOG.warn("Expiring overdue offers failed; will retry", LoggedErrors.of(e));
        }
    }
}
