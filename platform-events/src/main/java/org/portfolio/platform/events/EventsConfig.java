package org.portfolio.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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

    Relay relay();

    Consumer consumer();

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
         * Most records applied in one transaction: consecutive records of a partition with the same key (one school)
         * share it, each with its own processed_event row. 1 gives every record its own transaction.
         */
        @WithDefault("50")
        int batchSize();

        /** First back-off between attempts; doubles up to {@link #maxBackoff()}. */
        @WithDefault("200ms")
        Duration backoff();

        /** Upper bound of the back-off between attempts, also while the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** processed_event rows older than this are deleted (keep it longer than the topics' retention). */
        @WithDefault("P30D")
        Duration processedRetention();
    }

    default String topic() {
        return topicOf(service());
    }

    static String topicOf(String service) {
        return service + ".events";
    }

    static String deadLetterTopicOf(String topic) {
        return topic + ".dlq";
    }
}
