package org.portfolio.platform.events.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.consumer.EventHandler;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates, at start-up, the service's own topic (with {@code portfolio.events.topic-config}, e.g. compaction), the
 * topics its handlers read and their dead-letter topics, with the configured partitions and retention
 * ({@code portfolio.events.topic-retention}, 400 days by default). Topics that exist are left as they are. Keeps trying in the background while the broker is unreachable: the
 * service starts and serves its API regardless (events wait in the outbox).
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    @Inject
    KafkaClients clients;

    @Inject
    EventsConfig config;

    @Inject
    @Any
    Instance<EventHandler> handlers;

    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean stopping;
    private Thread thread;

    void onStart(@Observes StartupEvent ev) {
        thread = new Thread(this::ensureTopics, "topic-initializer");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    public Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        topics.add(config.topic());
        topics.add(EventsConfig.deadLetterTopicOf(config.topic()));
        for (EventHandler h : handlers) {
            for (String t : h.topics()) {
                topics.add(t);
                topics.add(EventsConfig.deadLetterTopicOf(t));
            }
        }
        return topics;
    }

    /**
     * Waits, while {@code stillWanted} holds and at most {@code max}, until the topics exist; true when they do. A
     * client that used them before would make Kafka's client warn UNKNOWN_TOPIC_OR_PARTITION a few times a second
     * until they did (nine WARNs at every cold start of the system stack: twentieth pass). Interrupted: false, with
     * the thread's flag set.
     */
    public boolean awaitReadyWhile(java.util.function.BooleanSupplier stillWanted, java.time.Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (stillWanted.getAsBoolean() && System.nanoTime() < deadline) {
                if (ready.await(250, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ready.getCount() == 0;
    }

    /** Waits until the topics exist (or the timeout passes); true when they do. */
    public boolean awaitReady(long timeout, TimeUnit unit) throws InterruptedException {
        return ready.await(timeout, unit);
    }

    /**
     * The configs of a topic this service creates: {@code retention.ms} from {@code portfolio.events.topic-retention}
     * for every one (the broker's default, 7 days, would drop the events a consumer stopped over a long holiday has
     * not read yet), and for its own topic {@code portfolio.events.topic-config} over that (e.g. compaction).
     */
    Map<String, String> configsOf(String topic) {
        Map<String, String> configs = new TreeMap<>();
        configs.put("retention.ms", String.valueOf(config.topicRetention().toMillis()));
        if (topic.equals(config.topic())) {
            configs.putAll(config.topicConfig());
        }
        return configs;
    }

    private void warnIfDeduplicationIsShorterThanRetention() {
        if (config.consumer().processedRetention().compareTo(config.topicRetention()) <= 0) {
            LOG.warnf("portfolio.events.consumer.processed-retention (%s) is not longer than portfolio.events.topic-retention"
                    + " (%s): a consumer group that starts over from the beginning of a topic would apply again the events"
                    + " whose processed_event rows were deleted", config.consumer().processedRetention(), config.topicRetention());
        }
    }

    /** Until the broker describes every topic (at most 5 s; then the consumers subscribe and catch up as before). */
    private void awaitDescribed(Set<String> topics) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                clients.admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private void ensureTopics() {
        warnIfDeduplicationIsShorterThanRetention();
        long backoff = 250;
        while (!stopping) {
            try {
                Set<String> wanted = topics();
                Set<String> existing = clients.admin().listTopics().names().get(10, TimeUnit.SECONDS);
                for (String t : wanted) {
                    if (!existing.contains(t)) {
                        try {
                            NewTopic topic = new NewTopic(t, config.partitions(), config.replicationFactor())
                                    .configs(configsOf(t));
                            clients.admin().createTopics(Set.of(topic)).all().get(10, TimeUnit.SECONDS);
                            LOG.infof("Created topic %s (%d partitions%s)", t, config.partitions(),
                                    topic.configs() == null || topic.configs().isEmpty() ? "" : ", " + topic.configs());
                        } catch (ExecutionException e) {
                            if (!(e.getCause() instanceof TopicExistsException)) {
                                throw e;
                            }
                        }
                    }
                }
                // the broker answers for them before the consumers subscribe (a topic just created may reach its
                // metadata a moment later: a consumer asking then would be told UNKNOWN_TOPIC_OR_PARTITION)
                awaitDescribed(wanted);
                ready.countDown();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("Topics not created yet (broker unreachable?): %s; retrying in %d ms", e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }
}
