package org.portfolio.platform.events.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.CloudEventCodec;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.kafka.KafkaClients;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves committed outbox rows to Kafka, oldest first, and marks them sent. Woken right after each commit
 * that wrote an event, and polls as a fallback. While the broker is down it backs off and retries; rows stay
 * in the table, so nothing is lost and the API never waits for the broker. Only one relay per database works
 * at a time (transaction-scoped advisory lock), which keeps per-school order across service replicas.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock id of the relay: any constant shared by the replicas of one service. */
    private static final long LOCK_ID = 0x706f7274666f6cL; // "portfol"
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    @Inject
    EntityManager em;

    @Inject
    EventsConfig config;

    @Inject
    KafkaClients clients;

    @Inject
    MeterRegistry registry;

    @Inject
    org.portfolio.platform.events.kafka.TopicInitializer topics;

    private final Object signal = new Object();
    private boolean pending;
    private volatile boolean running;
    private Thread thread;
    private Counter published;
    private Counter failures;
    private volatile Instant lastPurge = Instant.EPOCH;

    void onStart(@Observes StartupEvent ev) {
        if (!config.relay().enabled()) {
            LOG.warn("Outbox relay disabled (portfolio.events.relay.enabled=false): events stay in the outbox");
            return;
        }
        published = registry.counter("portfolio.outbox.published");
        failures = registry.counter("portfolio.outbox.publish.failures");
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a commit that wrote an event: publish now rather than at the next poll. */
    public void wakeUp() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    private void run() {
        // the service's topic created first (at most 30 s; then it publishes regardless, as before): a publication to a
        // topic not there yet made Kafka's producer warn UNKNOWN_TOPIC_OR_PARTITION (twentieth pass)
        topics.awaitReadyWhile(() -> running, Duration.ofSeconds(30));
        long backoffMs = 0;
        while (running) {
            try {
                if (backoffMs > 0) {
                    sleep(backoffMs);
                } else {
                    awaitSignal(config.relay().pollInterval().toMillis());
                }
                if (!running) {
                    break;
                }
                Batch batch;
                do {
                    batch = relayOnce();
                } while (running && batch.failure == null && batch.sent == config.relay().batchSize());
                if (batch.failure != null) {
                    backoffMs = backoffMs == 0 ? 200 : Math.min(backoffMs * 2, config.relay().maxBackoff().toMillis());
                    LOG.warnf("Outbox relay could not publish (%s); %d sent before the failure, retrying in %d ms",
                            batch.failure, batch.sent, backoffMs);
                } else {
                    backoffMs = 0;
                }
                purgeIfDue();
            } catch (Exception e) {
                backoffMs = backoffMs == 0 ? 200 : Math.min(backoffMs * 2, config.relay().maxBackoff().toMillis());
                LOG.warnf("Outbox relay failed (%s); retrying in %d ms", e.toString(), backoffMs);
            }
        }
    }

    private record Batch(int sent, String failure) {
    }

    @org.portfolio.platform.web.time.SystemClockOnPurpose("when a row was sent: a technical time, which the purge "
            + "compares with the system clock")
    private Batch relayOnce() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, LOCK_ID).getSingleResult();
            if (!Boolean.TRUE.equals(locked)) {
                return new Batch(0, null);
            }
            List<OutboxEvent> rows = em.createQuery(
                            "from OutboxEvent where sentAt is null order by seq", OutboxEvent.class)
                    .setMaxResults(config.relay().batchSize())
                    .getResultList();
            if (rows.isEmpty()) {
                return new Batch(0, null);
            }
            List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                Future<RecordMetadata> f = clients.producer().send(record(row));
                futures.add(f);
                if (f.isDone() && failed(f)) {
                    // no metadata (broker unreachable): each further send would block max.block.ms
                    break;
                }
            }
            List<Long> sent = new ArrayList<>();
            String failure = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get(30, TimeUnit.SECONDS);
                    sent.add(rows.get(i).seq);
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                    failure = cause.toString();
                    OutboxEvent failed = rows.get(i);
                    failed.attempts++;
                    failed.lastError = failure.length() > 1000 ? failure.substring(0, 1000) : failure;
                    failures.increment();
                    // stop at the first failure: later rows must not overtake it (order per school)
                    break;
                }
            }
            if (!sent.isEmpty()) {
                em.createQuery("update OutboxEvent set sentAt = :now where seq in :seqs")
                        .setParameter("now", Instant.now())
                        .setParameter("seqs", sent)
                        .executeUpdate();
                published.increment(sent.size());
            }
            return new Batch(sent.size(), failure);
        });
    }

    private ProducerRecord<String, byte[]> record(OutboxEvent row) {
        byte[] value = CloudEventCodec.encode(CloudEventCodec.toCloudEvent(row, config.service()));
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(row.topic, row.messageKey, value);
        r.headers().add(new RecordHeader("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    @org.portfolio.platform.web.time.SystemClockOnPurpose("retention of sent rows and processed-event rows, stamped "
            + "with the system clock (sentAt) and the database's now() (processed_at)")
    private void purgeIfDue() {
        if (Instant.now().isBefore(lastPurge.plus(PURGE_EVERY))) {
            return;
        }
        lastPurge = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            int sent = em.createQuery("delete from OutboxEvent where sentAt < :before")
                    .setParameter("before", Instant.now().minus(config.relay().retention()))
                    .executeUpdate();
            int processed = em.createNativeQuery("delete from processed_event where processed_at < ?1")
                    .setParameter(1, Instant.now().minus(config.consumer().processedRetention()))
                    .executeUpdate();
            if (sent + processed > 0) {
                LOG.infof("Purged %d sent outbox rows and %d processed-event rows", sent, processed);
            }
        });
    }

    private void awaitSignal(long timeoutMs) throws InterruptedException {
        synchronized (signal) {
            if (!pending) {
                signal.wait(timeoutMs);
            }
            pending = false;
        }
    }

    /** Back-off: commits do not cut it short (the broker is the problem), shutdown does. */
    private void sleep(long ms) throws InterruptedException {
        long until = System.nanoTime() + ms * 1_000_000;
        while (running && System.nanoTime() < until) {
            Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    private static boolean failed(Future<?> f) {
        try {
            f.get(0, TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
