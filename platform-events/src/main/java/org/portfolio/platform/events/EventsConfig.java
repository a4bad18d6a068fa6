package org.portfolio.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the event backbone ({@code portfolio.events.*}). */
@ConfigMapping(prefix = "portfolio.events")
public interface EventsConfig {

    /** Short name of the owning service (contracts, autonomy, performance, enrollment): topic, type and source derive from it. */
    String service();

    /** Partitions of the topics this service creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of the topics this service creates (3 in production clusters). */
    @WithDefault("1")
    short replicationFactor();

    /** The topic this service publishes to; {@code <service>.events} unless set (the gateway: {@code gateway.clients}). */
    @WithName("topic")
    Optional<String> topicName();

    /**
     * Kafka topic configs of this service's own topic when this service creates it, e.g.
     * {@code portfolio.events.topic-config."cleanup.policy"=compact}. Empty: the broker's defaults.
     */
    Map<String, String> topicConfig();

    /**
     * How long the topics this service creates keep their events ({@code retention.ms}; its own topic's
     * {@code topic-config} may set another). Long, so that a consumer stopped or stuck for weeks still finds every
     * event it has not read; keep {@code consumer.processed-retention} longer still. Topics that exist keep theirs.
     */
    @WithDefault("P400D")
    Duration topicRetention();

    Relay relay();

    Consumer consumer();

    ClientDirectory clientDirectory();

    interface Relay {
        /** Publish outbox rows to Kafka. Off only for tests that inspect the outbox table itself. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500")
        int batchSize();

        /** How often the relay looks for rows when no commit woke it up. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Upper bound of the back-off while the broker is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** Sent rows older than this are deleted. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        /** Attempts before a failing event goes to the dead-letter topic (errors in the event itself go at once). */
        @WithDefault("5")
        int maxAttempts();

        /**
         * Retries in a row of one record after failures that are not its fault while the database answers (lock
         * contention; a connection error such as 08006 or 08P01) before each further one counts as an attempt. While
         * the database does not answer the consumer waits without counting anything.
         */
        @WithDefault("100")
        int maxTransientRetries();

        /**
         * Most records applied in one transaction: consecutive records of a partition with the same key (one school)
         * share it, each with its own processed_event row; for a handler that batches across keys
         * ({@code EventHandler#batchesAcrossKeys}), any consecutive records of a partition. 1 gives every record its
         * own transaction.
         */
        @WithDefault("50")
        int batchSize();

        /** First back-off between attempts; doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration backoff();

        /** Upper bound of the back-off between attempts, also while the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * processed_event rows older than this are deleted. Keep it longer than the topics' retention: a group that
         * starts over from the beginning (its offsets expired) skips what these rows say it applied.
         */
        @WithDefault("P430D")
        Duration processedRetention();
    }

    /** Every service follows the gateway's API client changes (platform-events' ClientDirectory). */
    interface ClientDirectory {
        /** Off only where the client status is known otherwise (the gateway, which owns the registry). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("gateway.clients")
        String topic();

        /** How long start-up waits for the directory to catch up before the service starts anyway (answering 503 to tokens until it has). */
        @WithDefault("10s")
        Duration startupWait();
    }

    default String topic() {
        return topicName().orElseGet(() -> topicOf(service()));
    }

    static String topicOf(String service) {
        return service + ".events";
    }

    static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }
}
