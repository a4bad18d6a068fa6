package org.portfolio.integration.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.integration.repository.DeliveryRepository;
import org.portfolio.integration.repository.FeedRepository;

import java.time.Instant;

/**
 * Keeps the feed to its retention ({@code portfolio.integration.feed.retention}, 400 days) and the delivery log of
 * finished deliveries to {@code portfolio.integration.webhooks.log-retention} (30 days). Deleting is idempotent, so
 * two replicas running it at once do no harm.
 */
@ApplicationScoped
public class RetentionJob {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    @Inject
    FeedRepository feed;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    IntegrationConfig config;

    @Scheduled(cron = "${portfolio.integration.feed.purge-cron}", identity = "feed-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(clock.instant());
    }

    /** Purges what is older than the retention periods at {@code now}; returns the feed events deleted. */
    public int purge(Instant now) {
        // 15 minutes each, not the default minute: a backlog (a retention shortened, the job off for a while, a day of
        // replays) took longer, rolled back, and the next day had more (hostile read of the twenty-second pass, M5)
        int logs = QuarkusTransaction.requiringNew().timeout(900).call(() -> deliveries.purge(now.minus(config.webhooks().logRetention())));
        int events = QuarkusTransaction.requiringNew().timeout(900).call(() -> feed.purge(now.minus(config.feed().retention())));
        // the purge took the deliveries of its events along, lane heads too: the rows queued behind them move up
        int lanes = QuarkusTransaction.requiringNew().call(() -> deliveries.promoteHeadless());
        if (lanes > 0) {
            LOG.infof("Retention: %d delivery lanes lost their head to the purge; the next delivery of each heads it", lanes);
        }
        LOG.infof("Retention: %d feed events and %d finished deliveries purged", events, logs);
        return events;
    }
}
