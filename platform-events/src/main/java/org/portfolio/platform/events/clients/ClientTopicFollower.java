package org.portfolio.platform.events.clients;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.CloudEventCodec;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reads the client topic from the beginning and follows it, into {@link ClientEntries}: every partition by
 * {@code assign()}, no consumer group, nothing committed (every replica needs every client). It is caught up once
 * its position reaches, on every partition, the end offset it saw when it started reading; from then on it only
 * follows. Creates the topic (compacted) if nobody has yet. While the broker is away it keeps what it has read and
 * retries; a failure before catching up starts the reading over.
 */
public class ClientTopicFollower implements Runnable {

    private static final Logger LOG = Logger.getLogger(ClientTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Admin> admin;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private final ClientEntries entries;

    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> current;

    public ClientTopicFollower(Supplier<Admin> admin, Supplier<Consumer<String, byte[]>> consumers, String topic,
                               int partitions, short replicationFactor, ClientEntries entries) {
        this.admin = admin;
        this.consumers = consumers;
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.entries = entries;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records applied (a newer state of a client) and records ignored (not a valid ClientChanged). */
    public long applied() {
        return applied.get();
    }

    public long ignored() {
        return ignored.get();
    }

    public void stop() {
        running = false;
        Consumer<String, byte[]> c = current;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        long backoff = 250;
        while (running) {
            try (Consumer<String, byte[]> c = consumers.get()) {
                current = c;
                if (!running) {
                    return;
                }
                ensureTopic();
                List<TopicPartition> parts = partitionsOf(c);
                c.assign(parts);
                c.seekToBeginning(parts);
                Map<TopicPartition, Long> end = c.endOffsets(parts, CALL_TIMEOUT);
                backoff = 250;
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                        apply(r);
                    }
                    if (!isCaughtUp() && reached(c, end)) {
                        caughtUp.countDown();
                        LOG.infof("Client directory caught up with %s: %d clients", topic, entries.size());
                    }
                }
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Client directory cannot read %s yet (%s); %s, retrying in %d ms", topic, e.toString(),
                        isCaughtUp() ? "keeping the last known client status" : "tokens are refused with 503 until it can",
                        backoff);
                if (!sleep(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            } finally {
                current = null;
            }
        }
    }

    private void ensureTopic() throws Exception {
        Set<String> existing = admin.get().listTopics().names().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (existing.contains(topic)) {
            return;
        }
        try {
            admin.get().createTopics(Set.of(new NewTopic(topic, partitions, replicationFactor).configs(ClientTopic.CONFIGS)))
                    .all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.infof("Created topic %s (%d partitions, %s)", topic, partitions, ClientTopic.CONFIGS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private List<TopicPartition> partitionsOf(Consumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, CALL_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("no partitions of " + topic + " yet");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private static boolean reached(Consumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey(), CALL_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    void apply(ConsumerRecord<String, byte[]> r) {
        String why;
        if (r.value() == null) {
            why = "a tombstone (clients are never deleted)";
        } else {
            try {
                IncomingEvent e = CloudEventCodec.decode(r.value());
                if (!ClientTopic.TYPE.equals(e.type())) {
                    why = "type " + e.type() + " is not " + ClientTopic.TYPE;
                } else if (e.source() == null || !ClientTopic.SOURCE.equals(e.source().toString())) {
                    why = "source " + e.source() + " is not " + ClientTopic.SOURCE;
                } else {
                    ClientChanged change = e.data(ClientChanged.class);
                    if (change.complete()) {
                        if (entries.apply(change)) {
                            applied.incrementAndGet();
                        }
                        return;
                    }
                    why = "clientId, enabled, tokenGeneration or version is missing";
                }
            } catch (PoisonEventException e) {
                why = e.getMessage();
            } catch (RuntimeException e) {
                // whatever else a record makes fail is that record's fault: ignored, not reread for ever (the loop
                // would start over from the beginning and stop at it again, and no later change would be applied)
                why = "not a valid client change (" + e.getClass().getSimpleName() + ")";
            }
        }
        ignored.incrementAndGet();
        LOG.warnf("Client directory ignored the record at %s-%d offset %d: %s", r.topic(), r.partition(), r.offset(), printable(why));
    }

    /** The reason quotes what the record's writer chose (its type, its source): one line, bounded, no control characters. */
    static String printable(String why) {
        String s = why == null ? "" : why.length() > 200 ? why.substring(0, 200) + "…" : why;
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private boolean sleep(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return running;
    }
}
