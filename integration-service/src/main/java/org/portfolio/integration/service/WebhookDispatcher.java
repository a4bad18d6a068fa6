package org.portfolio.integration.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.integration.domain.SubscriptionStatus;
import org.portfolio.integration.domain.AttemptResult;
import org.portfolio.integration.domain.Claimed;
import org.portfolio.integration.domain.ErrorClass;
import org.portfolio.integration.repository.DeliveryRepository;
import org.portfolio.integration.repository.FeedRepository;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.repository.SubscriptionRepository;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers webhooks. One dispatcher thread per instance claims due lane heads, with the events queued right behind
 * them, into in-flight slots ({@link DeliveryRepository#claim}: at most {@code max-in-flight} slots per subscription
 * across replicas, one query per claim); each slot goes to a sender thread that resolves and checks the target once
 * (bounded wait, {@link TargetGuard}), then signs and sends its deliveries one after the other over a kept-alive
 * connection, without blocking. One results thread records the slots' outcomes in batches: acknowledged → the lane's
 * next event becomes due; failed → retried after an exponential back-off with jitter (the lane's later events wait);
 * failing through the retry horizon → the subscription is disabled ({@link SubscriptionDisabler}). A slow or dead
 * endpoint holds only its own in-flight slots: other subscriptions' deliveries are claimed and sent meanwhile.
 */
@ApplicationScoped
public class WebhookDispatcher {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    @Inject
    IntegrationConfig config;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    FeedRepository feed;

    @Inject
    EventJson json;

    @Inject
    TargetGuard guard;

    @Inject
    WebhookSender sender;

    @Inject
    OwnerRights owners;

    @Inject
    SubscriptionDisabler disabler;

    @Inject
    MeterRegistry registry;

    private final Semaphore wake = new Semaphore(0);
    private final LinkedBlockingQueue<Settled> results = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private ExecutorService senders;
    private Thread dispatcher;
    private Thread recorder;
    private Timer latency;

    void onStart(@Observes StartupEvent ev) {
        latency = Timer.builder("portfolio.webhooks.attempt").description("Webhook attempts, by outcome")
                .publishPercentiles(0.5, 0.95, 0.99).tag("outcome", "any").register(registry);
        running = true;
        senders = Executors.newFixedThreadPool(config.webhooks().senderThreads(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        recorder = new Thread(this::recordLoop, "webhook-results");
        recorder.setDaemon(true);
        recorder.start();
        if (!config.webhooks().dispatcherEnabled()) {
            LOG.warn("Webhook dispatcher off (portfolio.integration.webhooks.dispatcher-enabled=false): only dispatchOnce() claims");
            return;
        }
        dispatcher = new Thread(this::dispatchLoop, "webhook-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        wake.release();
        if (senders != null) {
            senders.shutdownNow();
        }
        for (Thread t : new Thread[] {dispatcher, recorder}) {
            if (t != null) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Something became due (a committed fan-out, a resume, a replay): look now rather than at the next poll. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void dispatchLoop() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                int claimed = dispatchOnce();
                backoff = Duration.ofMillis(200);
                if (claimed == 0) {
                    wake.tryAcquire(config.webhooks().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } else if (config.webhooks().claimWindow().toMillis() > 0) {
                    Thread.sleep(config.webhooks().claimWindow().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Webhook dispatcher: %s; trying again in %s", e.toString(), backoff);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
            }
        }
    }

    /** Claims one batch and starts sending it; returns how many were claimed. Also used by tests (two "replicas"). */
    public int dispatchOnce() {
        if (!owners.current()) {
            LOG.debug("Webhook dispatcher: waiting for the client directory to catch up before delivering");
            return 0;
        }
        IntegrationConfig.Webhooks w = config.webhooks();
        Duration lease = w.requestTimeout().plus(w.connectTimeout()).plusSeconds(30);
        // a slot starts no request that could still run when its lease ends (then another replica may take its rows)
        long sendUntil = System.nanoTime() + lease.minus(w.requestTimeout()).minus(w.connectTimeout()).minusSeconds(5).toNanos();
        int[] count = new int[1];
        long claimedAt = System.nanoTime(); // what the claim reads is as of now: a slot's recheck counts from here
        List<Slot> slots = QuarkusTransaction.requiringNew().call(() -> {
            List<Claimed> claimed = deliveries.claim(w.claimBatch(), w.maxInFlight(), w.lanesPerSlot(), w.eventsPerLane(), lease);
            count[0] = claimed.size();
            if (claimed.isEmpty()) {
                return List.<Slot>of();
            }
            List<Claimed> past = pastBudget(claimed, feed.dataSizes(claimed.stream().map(Claimed::feedSeq).distinct()
                    .toList()), w.claimMaxBytes().asLongValue());
            return prepare(claimed.subList(0, claimed.size() - past.size()), past, sendUntil, claimedAt);
        });
        for (Slot slot : slots) {
            senders.execute(() -> new SlotRun(slot).start());
        }
        return count[0];
    }

    /**
     * A claimed delivery ready to send; its event without its data ({@code header}: who may read it) and whether its
     * body was redacted for the owner's rights at the claim.
     */
    record Job(Claimed delivery, String eventId, String body, FeedRow header, boolean redacted) {
    }

    /**
     * One in-flight slot: deliveries to one subscription's endpoint, oldest first, sent one after the other; a lane's
     * events follow each other in order, each only after the previous one was acknowledged.
     */
    record Slot(UUID subscriptionId, URI target, List<String> secrets, List<Job> jobs, long sendUntilNanos,
                long claimedAtNanos) {
    }

    /**
     * How often a slot reads its subscription and its owner's rights again while it sends: a pause, a delete, a
     * rotation revoking the earlier secrets, a disabled client or a narrower school scope stops its later deliveries
     * within this, on any replica. They were checked at the claim only, and a slot went on sending for up to 25 s
     * (hostile read of the twenty-sixth pass, W3).
     */
    static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** How long a slot goes on with what it last read when reading its subscription again fails. */
    static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** The subscription as a slot reads it again: empty when it is gone, not ACTIVE, or its owner's client disabled. */
    record Current(List<String> secrets, ReadRights rights) {
    }

    Optional<Current> current(UUID subscriptionId) {
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.findByIdOptional(subscriptionId)
                .filter(s -> s.status == SubscriptionStatus.ACTIVE)
                .flatMap(s -> owners.of(s).map(r -> new Current(s.signingSecrets(clock.instant()), r))));
    }

    /**
     * Groups the claimed rows into their slots. Rows of a subscription that is no longer active (or whose owner's
     * client is disabled) are given back; rows whose event the owner may no longer read are SKIPPED; both in the
     * claim's transaction.
     */
    private List<Slot> prepare(List<Claimed> claimed, List<Claimed> pastBudget, long sendUntil, long claimedAt) {
        Map<UUID, Subscription> subs = subscriptions.list("id in ?1", claimed.stream().map(Claimed::subscriptionId).distinct().toList())
                .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        Map<Long, FeedRow> events = feed.bySeq(claimed.stream().map(Claimed::feedSeq).distinct().toList()).stream()
                .collect(Collectors.toMap(FeedRow::seq, Function.identity()));
        Map<UUID, Optional<ReadRights>> rights = new LinkedHashMap<>();
        Map<Long, String> bodies = new java.util.HashMap<>();
        Map<UUID, List<String>> secrets = new java.util.HashMap<>();
        List<Claimed> release = new ArrayList<>(pastBudget); // given back untried, claimed again later
        List<Claimed> skip = new ArrayList<>();
        Map<UUID, List<Job>> bySlot = new LinkedHashMap<>();
        Map<UUID, Subscription> slotSub = new java.util.HashMap<>();
        Instant now = clock.instant();
        for (Claimed d : claimed) { // oldest first
            Subscription s = subs.get(d.subscriptionId());
            FeedRow e = events.get(d.feedSeq());
            if (s == null || e == null) {
                continue; // deleted meanwhile: its rows went with it
            }
            Optional<ReadRights> owner = rights.computeIfAbsent(s.id, x -> owners.of(s));
            if (owner.isEmpty()) {
                if (s.status == SubscriptionStatus.ACTIVE) {
                    s.changeStatus(SubscriptionStatus.PAUSED, "the owner's API client is disabled", clock.instant());
                    LOG.infof("Webhook subscription %s paused: its owner's API client is disabled", s.id);
                }
                release.add(d);
            } else if (s.status != SubscriptionStatus.ACTIVE) {
                release.add(d);
            } else if (!owner.get().canRead(e.audience(), e.schoolIds(), e.ownerClient())) {
                skip.add(d);
            } else {
                UUID slot = d.claimId() != null ? d.claimId() : d.id();
                boolean redacted = EventJson.redactedFor(e, owner.get());
                bySlot.computeIfAbsent(slot, x -> new ArrayList<>())
                        .add(new Job(d, e.eventId(), redacted ? json.body(e, owner.get())
                                : bodies.computeIfAbsent(e.seq(), x -> json.body(e, owner.get())),
                                new FeedRow(e.seq(), e.eventId(), e.type(), e.source(), e.subject(), e.time(), null,
                                        e.audience(), e.schoolIds(), e.ownerClient()), redacted));
                slotSub.put(slot, s);
            }
        }
        deliveries.complete(List.of(), skip, release);
        List<Slot> out = new ArrayList<>();
        bySlot.forEach((slot, jobs) -> {
            Subscription s = slotSub.get(slot);
            out.add(new Slot(s.id, URI.create(s.url), secrets.computeIfAbsent(s.id, x -> s.signingSecrets(now)), jobs,
                    sendUntil, claimedAt));
        });
        return out;
    }

    /**
     * The claimed rows (oldest first) past the claim's byte budget: once an event would take the data read past
     * {@code budget} (each event counted once, at least one row kept), that row and every later one. Cutting at one
     * point keeps each lane's earliest rows and gives back the rest behind them, in order (W2).
     */
    static List<Claimed> pastBudget(List<Claimed> claimed, Map<Long, Long> sizes, long budget) {
        long used = 0;
        java.util.Set<Long> counted = new java.util.HashSet<>();
        for (int i = 0; i < claimed.size(); i++) {
            long seq = claimed.get(i).feedSeq();
            long add = counted.contains(seq) ? 0 : sizes.getOrDefault(seq, 0L);
            if (i > 0 && used + add > budget) {
                return List.copyOf(claimed.subList(i, claimed.size()));
            }
            used += add;
            counted.add(seq);
        }
        return List.of();
    }

    /** What became of one slot's rows, recorded together by the results thread. */
    record Settled(List<AttemptResult> attempts, List<Claimed> untried) {
    }

    /**
     * Sends one slot's jobs in order: after a failed attempt its lane's later events are not tried (they wait behind
     * it); after a failure of the connection itself (timeout, refused, TLS, DNS, target refused) nothing more of the
     * slot is tried (the endpoint is down: its other lanes go back as they were, and do not hold the slot for a
     * timeout each). Neither is anything once the slot's lease could run out during the request.
     */
    private final class SlotRun {
        private final Slot slot;
        private final List<AttemptResult> attempts = new ArrayList<>();
        private final List<Claimed> untried = new ArrayList<>();
        private final java.util.Set<String> failedLanes = new java.util.HashSet<>();
        private InetAddress address;
        private boolean stopped;
        private List<String> secrets;
        private ReadRights rights;
        private long checkedAt;
        private long knownAt;

        SlotRun(Slot slot) {
            this.slot = slot;
            this.secrets = slot.secrets();
            this.checkedAt = slot.claimedAtNanos();
            this.knownAt = slot.claimedAtNanos();
        }

        /**
         * Reads the subscription again when a second has passed since the last read (the claim's, at first): stops the
         * slot when it may send no more. A read that fails leaves the slot on what it last knew for up to
         * {@link #STALE_NANOS}, then stops it: a database blip must not give every slot back at once, to be claimed
         * and given back again in a loop (the pass's own read, X3).
         */
        private void recheck() {
            long now = System.nanoTime();
            if (stopped || now - checkedAt < RECHECK_NANOS) {
                return;
            }
            checkedAt = now;
            try {
                Optional<Current> current = current(slot.subscriptionId());
                if (current.isEmpty()) {
                    stopped = true; // paused, deleted, disabled, or its owner's client disabled: given back untried
                    return;
                }
                secrets = current.get().secrets();
                rights = current.get().rights();
                knownAt = now;
            } catch (RuntimeException e) {
                if (now - knownAt > STALE_NANOS) {
                    stopped = true;
                }
            }
        }

        /** Whether the owner may still have this job's event as its body was made (readable, redacted the same way). */
        private boolean stillMayHave(Job job) {
            return rights == null || (rights.canRead(job.header().audience(), job.header().schoolIds(),
                    job.header().ownerClient()) && EventJson.redactedFor(job.header(), rights) == job.redacted());
        }

        /**
         * Resolves the target without holding a sender thread (the lookup runs on the guard's pool, bounded by
         * {@code dns-timeout}), then sends on a sender thread.
         */
        void start() {
            CompletableFuture<TargetGuard.Resolution> resolution;
            try {
                resolution = guard.resolveAsync(slot.target());
            } catch (RuntimeException e) {
                resolved(null);
                return;
            }
            resolution.whenCompleteAsync((r, e) -> resolved(e == null ? r : null), senders);
        }

        private void resolved(TargetGuard.Resolution r) {
            if (r instanceof TargetGuard.Allowed allowed) {
                address = allowed.address();
                next(0);
                return;
            }
            ErrorClass error = r instanceof TargetGuard.Refused ? ErrorClass.TARGET_REFUSED
                    : r instanceof TargetGuard.Unresolved ? ErrorClass.DNS : ErrorClass.IO;
            attempts.add(result(slot.jobs().get(0), clock.instant(), new WebhookSender.Outcome(null, 0, error, null)));
            stopped = true;
            next(1);
        }

        /** Sends job i (or the first later one still to be tried), or settles the slot when none is left. */
        void next(int i) {
            for (; i < slot.jobs().size(); i++) {
                Job job = slot.jobs().get(i);
                if (!stopped && System.nanoTime() - slot.sendUntilNanos() > 0) {
                    stopped = true;
                }
                recheck();
                if (!stopped && !failedLanes.contains(job.delivery().orderKey()) && !stillMayHave(job)) {
                    // an event its owner may no longer read, or no longer as its body was made, goes back with the rest
                    // of its lane, in order: the next claim marks it SKIPPED or makes its body anew (X1, X2)
                    failedLanes.add(job.delivery().orderKey());
                }
                if (stopped || failedLanes.contains(job.delivery().orderKey())) {
                    untried.add(job.delivery());
                    continue;
                }
                Instant at = clock.instant();
                int index = i;
                try {
                    long timestamp = at.getEpochSecond();
                    Map<String, String> headers = Map.of(
                            "webhook-id", job.eventId(),
                            "webhook-timestamp", Long.toString(timestamp),
                            "webhook-signature", Secrets.signatureHeader(secrets, job.eventId(), timestamp, job.body()),
                            "user-agent", "Portfolio-Webhooks/1.0");
                    sender.send(slot.target(), address, headers, job.body())
                            .whenCompleteAsync((o, e) -> {
                                attempted(job, at, o != null ? o : new WebhookSender.Outcome(null, 0, WebhookSender.classify(e), null));
                                next(index + 1);
                            }, senders);
                    return;
                } catch (RuntimeException e) {
                    attempted(job, at, new WebhookSender.Outcome(null, 0, ErrorClass.IO, null));
                }
            }
            results.add(new Settled(List.copyOf(attempts), List.copyOf(untried)));
        }

        private void attempted(Job job, Instant at, WebhookSender.Outcome o) {
            attempts.add(result(job, at, o));
            if (!o.acknowledged()) {
                failedLanes.add(job.delivery().orderKey());
                if (o.errorClass() != ErrorClass.HTTP_STATUS) {
                    stopped = true;
                }
            }
        }
    }

    private AttemptResult result(Job job, Instant at, WebhookSender.Outcome o) {
        if (latency != null) {
            latency.record(Duration.ofMillis(o.latencyMs()));
        }
        Instant next = o.acknowledged() ? null
                : clock.instant().plus(Backoff.after(job.delivery().attempt(), config.webhooks().initialBackoff(), config.webhooks().maxBackoff()));
        return new AttemptResult(job.delivery(), at, o.statusCode(), o.latencyMs(), o.errorClass(), o.snippet(), next);
    }

    private void recordLoop() {
        List<Settled> batch = new ArrayList<>();
        while (running || !results.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Settled first = results.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                results.drainTo(batch, 199);
                recordBatch(batch);
                batch.clear();
                wakeUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Webhook results not recorded yet (%d slots): %s; trying again", batch.size(), e.toString());
                sleep(Duration.ofMillis(500));
            }
        }
    }

    /** Records what became of some slots, then disables the subscriptions whose deliveries failed through the horizon. */
    void recordBatch(List<Settled> batch) {
        List<AttemptResult> attempts = batch.stream().flatMap(b -> b.attempts().stream()).toList();
        List<Claimed> untried = batch.stream().flatMap(b -> b.untried().stream()).toList();
        QuarkusTransaction.requiringNew().run(() -> deliveries.complete(attempts, List.of(), untried));
        Duration horizon = config.webhooks().retryHorizon();
        Instant now = clock.instant();
        Map<UUID, AttemptResult> expired = new LinkedHashMap<>();
        for (AttemptResult r : attempts) {
            if (!r.acknowledged() && !r.delivery().horizonStart().plus(horizon).isAfter(now)) {
                expired.putIfAbsent(r.delivery().subscriptionId(), r);
            }
        }
        expired.values().forEach(disabler::disable);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
