package org.portfolio.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.DeliveryTrigger;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.integration.repository.DeliveryRepository;
import org.portfolio.integration.repository.FeedRepository;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.repository.SubscriptionRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Puts an event into the feed and queues it for every subscription that wants it and whose owner may read it, in the
 * caller's transaction (the consumer's, with its inbox row; or the one that disabled a subscription, with its outbox
 * row). The dispatcher is woken when it commits.
 */
@ApplicationScoped
public class FeedWriter {

    private static final Object WAKE_KEY = new Object();

    @Inject
    FeedRepository feed;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    OwnerRights owners;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    WebhookDispatcher dispatcher;

    /** Returns false when the event was already in the feed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean append(String eventId, String type, String source, String subject, Instant time, String data,
                          Audience audience, Set<UUID> schools, String ownerClient) {
        OptionalLong seq = feed.append(eventId, type, source, subject, time, data, audience, schools, ownerClient);
        if (seq.isEmpty()) {
            return false;
        }
        FeedRow row = new FeedRow(seq.getAsLong(), eventId, type, source, subject, time, data, audience, schools, ownerClient);
        List<UUID> targets = subscriptions.all().stream()
                .filter(s -> s.queues(type, subject) && s.matches(type, schools) && mayRead(s, row))
                .map(s -> s.id).toList();
        if (!targets.isEmpty()) {
            deliveries.enqueue(row.seq(), eventId, DeliveryRepository.orderKey(row), targets, DeliveryTrigger.EVENT);
            wakeDispatcherAfterCommit();
        }
        return true;
    }

    /**
     * Before several events are appended in one transaction (a consumer batch of several schools): takes the feed lock
     * and the lanes of these order keys, as the appends would one by one, but all at once and in the one order in which
     * every lane lock is taken (the dispatcher's completions take theirs so). Appending them then waits for no lock
     * that someone waiting for ours could hold.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockAhead(Collection<String> orderKeys) {
        feed.lock();
        deliveries.lockLanes(orderKeys);
    }

    /** The lane (order key) an event's deliveries wait in: its subject (the school), or its id when it has none. */
    public static String orderKey(String subject, String eventId) {
        return DeliveryRepository.orderKey(subject, eventId);
    }

    /** Queued for a disabled owner too, by its rights now: whether it is sent is decided again at delivery. */
    private boolean mayRead(Subscription s, FeedRow row) {
        return owners.forQueueing(s).canRead(row.audience(), row.schoolIds(), row.ownerClient());
    }

    private void wakeDispatcherAfterCommit() {
        if (tsr.getResource(WAKE_KEY) != null) {
            return;
        }
        tsr.putResource(WAKE_KEY, Boolean.TRUE);
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    dispatcher.wakeUp();
                }
            }
        });
    }
}
