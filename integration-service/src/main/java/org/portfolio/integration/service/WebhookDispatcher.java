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
import org.portfolio.integration.repository.DeliveryRepository;
import org.portfolio.integration.repository.FeedRepository;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.repository.SubscriptionRepository;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivers webhooks. One dispatcher thread per instance claims due lane heads ({@link DeliveryRepository#claim}: at
 * most {@code max-in-flight} per subscription across replicas), hands each to a sender thread (resolve and check the
 * target, sign, send without blocking), and one results thread records outcomes in batches: acknowledged → the
 * lane's next event becomes due; failed → retried after an exponential back-off with jitter; failing through the
 * retry horizon → the subscription is disabled ({@link SubscriptionDisabler}). A slow or dead endpoint holds only its
 * own in-flight slots: other subscriptions' deliveries are claimed and sent meanwhile.
 */
@ApplicationScoped
public class WebhookDispatcher {

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
    private final LinkedBlockingQueue<AttemptResult> results = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private ExecutorService senders;
    private Thread dispatcher;
    private Thread recorder;
    private Timer latency;

    void onStart(@Observes StartupEvent ev) {
        if (!config.webhooks().dispatcherEnabled()) {
            LOG.warn("Webhook dispatcher off (portfolio.integration.webhooks.dispatcher-enabled=false)");
            return;
        }
        latency = Timer.builder("portfolio.webhooks.attempt").description("Webhook attempts, by outcome")
                .publishPercentiles(0.5, 0.95, 0.99).tag("outcome", "any").register(registry);
        running = true;
        senders = Executors.newFixedThreadPool(config.webhooks().senderThreads(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        dispatcher = new Thread(this::dispatchLoop, "webhook-dispatcher");
        recorder = new Thread(this::recordLoop, "webhook-results");
        dispatcher.setDaemon(true);
        recorder.setDaemon(true);
        dispatcher.start();
        recorder.start();
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
        IntegrationConfig.Webhooks w = config.webhooks();
        Duration lease = w.requestTimeout().plus(w.connectTimeout()).plusSeconds(30);
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> deliveries.claim(w.claimBatch(), w.maxInFlight(), lease));
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Job> jobs = QuarkusTransaction.requiringNew().call(() -> prepare(claimed));
        for (Job job : jobs) {
            senders.execute(() -> send(job));
        }
        return claimed.size();
    }

    /** A claimed delivery ready to send. */
    record Job(Claimed delivery, URI target, String eventId, String body, List<String> secrets) {
    }

    private List<Job> prepare(List<Claimed> claimed) {
        Map<UUID, Subscription> subs = subscriptions.list("id in ?1", claimed.stream().map(Claimed::subscriptionId).distinct().toList())
                .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        Map<Long, FeedRow> events = feed.bySeq(claimed.stream().map(Claimed::feedSeq).distinct().toList()).stream()
                .collect(Collectors.toMap(FeedRow::seq, Function.identity()));
        Map<UUID, Optional<ReadRights>> rights = new LinkedHashMap<>();
        List<Claimed> release = new ArrayList<>();
        List<Claimed> skip = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        Instant now = Instant.now();
        for (Claimed d : claimed) {
            Subscription s = subs.get(d.subscriptionId());
            FeedRow e = events.get(d.feedSeq());
            if (s == null || e == null) {
                continue; // deleted meanwhile: its rows went with it
            }
            Optional<ReadRights> owner = rights.computeIfAbsent(s.id, x -> owners.of(s));
            if (owner.isEmpty()) {
                if (s.status == SubscriptionStatus.ACTIVE) {
                    s.changeStatus(SubscriptionStatus.PAUSED, "the owner's API client is disabled");
                    LOG.infof("Webhook subscription %s paused: its owner's API client is disabled", s.id);
                }
                release.add(d);
            } else if (s.status != SubscriptionStatus.ACTIVE) {
                release.add(d);
            } else if (!owner.get().canRead(e.audience(), e.schoolIds(), e.ownerClient())) {
                skip.add(d);
            } else {
                jobs.add(new Job(d, URI.create(s.url), e.eventId(), json.body(e), s.signingSecrets(now)));
            }
        }
        deliveries.release(release);
        deliveries.skip(skip);
        return jobs;
    }

    private void send(Job job) {
        Instant at = Instant.now();
        try {
            TargetGuard.Resolution r = guard.resolve(job.target());
            if (r instanceof TargetGuard.Allowed allowed) {
                long timestamp = at.getEpochSecond();
                Map<String, String> headers = Map.of(
                        "webhook-id", job.eventId(),
                        "webhook-timestamp", Long.toString(timestamp),
                        "webhook-signature", Secrets.signatureHeader(job.secrets(), job.eventId(), timestamp, job.body()),
                        "user-agent", "Portfolio-Webhooks/1.0");
                sender.send(job.target(), allowed.address(), headers, job.body())
                        .whenComplete((o, e) -> record(job, at, o != null ? o
                                : new WebhookSender.Outcome(null, 0, WebhookSender.classify(e), null)));
            } else {
                record(job, at, new WebhookSender.Outcome(null, 0, r instanceof TargetGuard.Refused
                        ? org.portfolio.integration.domain.ErrorClass.TARGET_REFUSED : org.portfolio.integration.domain.ErrorClass.DNS, null));
            }
        } catch (RuntimeException e) {
            record(job, at, new WebhookSender.Outcome(null, 0, org.portfolio.integration.domain.ErrorClass.IO, null));
        }
    }

    private void record(Job job, Instant at, WebhookSender.Outcome o) {
        if (latency != null) {
            latency.record(Duration.ofMillis(o.latencyMs()));
        }
        Instant next = o.acknowledged() ? null
                : Instant.now().plus(Backoff.after(job.delivery().attempt(), config.webhooks().initialBackoff(), config.webhooks().maxBackoff()));
        results.add(new AttemptResult(job.delivery(), at, o.statusCode(), o.latencyMs(), o.errorClass(), o.snippet(), next));
    }

    private void recordLoop() {
        List<AttemptResult> batch = new ArrayList<>();
        while (running || !results.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    AttemptResult first = results.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                results.drainTo(batch, 999);
                recordBatch(batch);
                batch.clear();
                wakeUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Webhook results not recorded yet (%d): %s; trying again", batch.size(), e.toString());
                sleep(Duration.ofMillis(500));
            }
        }
    }

    /** Records a batch of outcomes, then disables the subscriptions whose deliveries failed through the horizon. */
    public void recordBatch(List<AttemptResult> batch) {
        QuarkusTransaction.requiringNew().run(() -> deliveries.complete(batch));
        Duration horizon = config.webhooks().retryHorizon();
        Instant now = Instant.now();
        Map<UUID, AttemptResult> expired = new LinkedHashMap<>();
        for (AttemptResult r : batch) {
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
