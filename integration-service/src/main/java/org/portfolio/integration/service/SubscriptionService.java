package org.portfolio.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.DeliveryState;
import org.portfolio.integration.domain.DeliveryTrigger;
import org.portfolio.integration.domain.EventCatalog;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.integration.domain.SubscriptionStatus;
import org.portfolio.integration.domain.AttemptRow;
import org.portfolio.integration.repository.DeliveryRepository;
import org.portfolio.integration.domain.DeliveryRow;
import org.portfolio.integration.repository.FeedRepository;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.repository.SubscriptionRepository;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions: a client registers and manages its own, for the event types its roles may read; a
 * DISTRICT_ADMIN manages every one. Another client's subscription is 403.
 */
@ApplicationScoped
@Transactional
public class SubscriptionService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    FeedRepository feed;

    @Inject
    TargetGuard guard;

    @Inject
    OwnerRights owners;

    @Inject
    IntegrationConfig config;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    FeedQueries feedQueries;

    /** A new subscription and its secret (shown this once). */
    public record Registered(Subscription subscription, String secret) {
    }

    public record Page(List<Subscription> items, long total) {
    }

    public record Replay(int queued, long next, boolean more) {
    }

    /**
     * The name lookup runs outside any transaction: it waits up to {@code dns-timeout}, and it held the connection of
     * the count before it all that time, so 150 registrations at once naming a host whose name server never answers
     * emptied the pool, the feed, the deliveries and the outbox relay waiting with them (hostile read of the
     * twenty-sixth pass, W1). The count before it (a client at its limit costs no resolver thread) and the write after
     * it are transactions of their own.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Registered register(ReadRights caller, boolean narrowedToSchools, String url, Set<String> types,
                               Set<UUID> schools, String description) {
        checkTypes(caller, types);
        QuarkusTransaction.requiringNew().run(() -> requireRoomFor(caller));
        guard.checkRegistration(url);
        return QuarkusTransaction.requiringNew().call(() -> {
            subscriptions.lockOwner(caller.clientId()); // two registrations at once count each other
            requireRoomFor(caller);
            String secret = Secrets.newSecret();
            Subscription s = Subscription.create(caller.clientId(), caller.roles(), caller.schools(), narrowedToSchools,
                    url, description, types, schools, secret, clock.instant());
            subscriptions.persist(s);
            return new Registered(s, secret);
        });
    }

    private void requireRoomFor(ReadRights caller) {
        int cap = config.webhooks().maxSubscriptionsPerClient();
        if (subscriptions.countOf(caller.clientId()) >= cap) {
            throw new ProblemException(IntegrationProblems.SUBSCRIPTION_LIMIT, "Your client owns " + cap + " webhook "
                    + "subscriptions, the most it may: delete one, or widen one's event types or schools");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(ReadRights caller, String owner, int page, int size) {
        String only = caller.has(ReadRights.DISTRICT_ADMIN) ? owner : caller.clientId();
        return new Page(subscriptions.page(only, page, size), subscriptions.countOf(only));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Subscription get(ReadRights caller, UUID id) {
        Subscription s = subscriptions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Webhook subscription", id));
        if (!caller.has(ReadRights.DISTRICT_ADMIN) && !s.ownerClient.equals(caller.clientId())) {
            throw ProblemException.forbidden("Webhook subscription " + id + " belongs to another client; only its owner "
                    + "and DISTRICT_ADMIN manage it");
        }
        return s;
    }

    /**
     * The subscription, its row locked until the transaction ends and read again as it is then: replays and
     * redeliveries of one subscription queue one after the other, each counting the backlog the one before left
     * (counted at once, eight replays each saw the same backlog and all queued); a pause, a resume or a delete sent
     * twice at once does what it does once, the second finding it done (twentieth pass, an outside check of races:
     * the seconds were 409s from the row's version; a second delete is a 404).
     */
    private Subscription getLocked(ReadRights caller, UUID id) {
        Subscription s = get(caller, id);
        try {
            subscriptions.getEntityManager().refresh(s, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        } catch (jakarta.persistence.EntityNotFoundException e) {
            throw ProblemException.notFound("Webhook subscription", id);
        }
        return s;
    }

    /**
     * A new secret; the replaced ones keep signing through their grace period unless {@code revokeEarlier}. The row is
     * locked: two rotations at once happen one after the other, each answering its own secret, the first one's kept
     * among the earlier secrets; never one secret lost.
     */
    public Registered rotateSecret(ReadRights caller, UUID id, boolean revokeEarlier) {
        Subscription s = getLocked(caller, id);
        String secret = Secrets.newSecret();
        Instant now = clock.instant();
        if (!s.rotateSecret(secret, now.plus(config.webhooks().secretGracePeriod()), revokeEarlier, now)) {
            throw new ProblemException(IntegrationProblems.EARLIER_SECRETS_LIMIT, Subscription.MAX_EARLIER_SECRETS
                    + " earlier secrets of this subscription still sign; the oldest stops at " + s.earlierSecrets.get(0).expiresAt()
                    + ". Rotate with revokeEarlier=true (only the new secret signs then), or after that.");
        }
        return new Registered(s, secret);
    }

    public Subscription pause(ReadRights caller, UUID id) {
        Subscription s = getLocked(caller, id);
        if (s.status == SubscriptionStatus.ACTIVE) {
            s.changeStatus(SubscriptionStatus.PAUSED, "paused by " + caller.clientId(), clock.instant());
        }
        return s;
    }

    /** Delivers again, from the oldest undelivered event of each school, with a fresh retry horizon. */
    public Subscription resume(ReadRights caller, UUID id) {
        Subscription s = getLocked(caller, id);
        if (s.status != SubscriptionStatus.ACTIVE) {
            if (owners.of(s).isEmpty()) {
                throw ProblemException.conflict("The owner's API client is disabled: enable it first");
            }
            s.changeStatus(SubscriptionStatus.ACTIVE, null, clock.instant());
            deliveries.restartHorizon(s.id);
            dispatcher.wakeUp();
        }
        return s;
    }

    /**
     * Deletes the subscription and its delivery log. The finished deliveries go first, in batches
     * ({@code webhooks.delete-batch}, 5,000), each committed on its own, then the subscription with what is left (its
     * undelivered queue, what finished meanwhile) in one transaction. The database's cascade over a district-wide
     * subscription's log (30 days) took longer than the transaction's minute and was rolled back every time, while it
     * held the subscription and with it the change feed's fan-out for every subscriber (hostile read of the
     * twenty-second pass, M4). Until the last step the subscription delivers as before; a deletion that fails midway
     * has taken only finished deliveries. A paused subscription's long queue still goes in that last transaction.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void delete(ReadRights caller, UUID id) {
        // 404 or 403 before any of its log is touched
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> get(caller, id));
        int batch = Math.max(1, config.webhooks().deleteBatch());
        while (io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> deliveries.deleteLogOf(id, batch)) == batch) {
            // the next batch
        }
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> subscriptions.delete(getLocked(caller, id)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeliveryRow> deliveries(ReadRights caller, UUID id, int page, int size) {
        get(caller, id);
        return deliveries.list(id, null, page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long deliveryCount(UUID id) {
        return deliveries.count(id);
    }

    public record DeliveryLog(DeliveryRow delivery, List<AttemptRow> attempts) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DeliveryLog delivery(ReadRights caller, UUID id, UUID deliveryId) {
        get(caller, id);
        DeliveryRow d = deliveries.find(id, deliveryId).orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
        return new DeliveryLog(d, deliveries.attempts(deliveryId));
    }

    /** Sends one event again (same webhook-id), after the school's events already queued for the subscription. */
    public DeliveryRow redeliver(ReadRights caller, UUID id, UUID deliveryId) {
        Subscription s = getLocked(caller, id);
        DeliveryRow d = deliveries.find(id, deliveryId).orElseThrow(() -> ProblemException.notFound("Delivery", deliveryId));
        requireBacklogRoom(s); // review finding: one delivery redelivered without end grew the queue without bound
        if (d.state() != DeliveryState.DELIVERED && d.state() != DeliveryState.SKIPPED) {
            throw ProblemException.conflict("Delivery " + deliveryId + " is " + d.state() + ": it is still being delivered");
        }
        FeedRow e = feed.bySeq(List.of(d.feedSeq())).stream().findFirst()
                .orElseThrow(() -> ProblemException.conflict("The event of delivery " + deliveryId + " is no longer in the feed"));
        requireReadable(s, e);
        UUID created = deliveries.enqueueAll(s.id, List.of(e), DeliveryTrigger.REDELIVERY).get(0);
        dispatcher.wakeUp();
        return deliveries.find(id, created).orElseThrow();
    }

    /**
     * Queues the feed's events after a cursor that the subscription wants and its owner may read, oldest first, at most
     * {@code replay-max}; {@code next} is where to continue when there are more.
     */
    public Replay replay(ReadRights caller, UUID id, long after) {
        Subscription s = getLocked(caller, id);
        feedQueries.requireCursor(after);
        requireBacklogRoom(s);
        Optional<ReadRights> owner = owners.of(s);
        int max = config.webhooks().replayMax();
        List<FeedRow> rows = feed.after(after, s.eventTypes, max);
        List<FeedRow> wanted = new ArrayList<>();
        for (FeedRow e : rows) {
            if (s.matches(e.type(), e.schoolIds()) && owner.map(o -> o.canRead(e.audience(), e.schoolIds(), e.ownerClient())).orElse(false)) {
                wanted.add(e);
            }
        }
        int queued = deliveries.enqueueAll(s.id, wanted, DeliveryTrigger.REPLAY).size();
        dispatcher.wakeUp();
        long next = rows.isEmpty() ? after : rows.get(rows.size() - 1).seq();
        return new Replay(queued, next, rows.size() == max);
    }

    /** 409 webhook-backlog-full while the subscription has more undelivered deliveries than replay-max-backlog. */
    private void requireBacklogRoom(Subscription s) {
        long backlog = deliveries.undelivered(s.id);
        if (backlog > config.webhooks().replayMaxBacklog()) {
            throw new ProblemException(IntegrationProblems.BACKLOG_FULL, "The subscription has " + backlog + " undelivered "
                    + "deliveries, more than " + config.webhooks().replayMaxBacklog() + ": replay or redeliver again once "
                    + "they are delivered (the delivery log shows them)");
        }
    }

    private void requireReadable(Subscription s, FeedRow e) {
        if (!owners.of(s).map(o -> o.canRead(e.audience(), e.schoolIds(), e.ownerClient())).orElse(false)) {
            throw ProblemException.forbidden("The subscription's owner may no longer read event " + e.eventId());
        }
    }

    private static void checkTypes(ReadRights caller, Set<String> types) {
        List<FieldError> unknown = new ArrayList<>();
        for (String t : types) {
            if (EventCatalog.audienceOf(t).isEmpty()) {
                unknown.add(new FieldError("eventTypes", "unknown event type " + t.substring(0, Math.min(t.length(), 100))));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        for (String t : types) {
            Audience a = EventCatalog.audienceOf(t).orElseThrow();
            if (!caller.mayEverRead(a)) {
                throw new ProblemException(IntegrationProblems.EVENT_TYPE_NOT_READABLE, "Your roles " + caller.roles()
                        + " may read no " + t + " event (docs/security.md)", List.of(new FieldError("eventTypes", t)),
                        java.util.Map.of());
            }
        }
    }
}
