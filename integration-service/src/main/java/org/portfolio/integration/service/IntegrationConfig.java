package org.portfolio.integration.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the change feed and the webhooks ({@code portfolio.integration.*}; docs/integrations.md). */
@ConfigMapping(prefix = "portfolio.integration")
public interface IntegrationConfig {

    Feed feed();

    Webhooks webhooks();

    interface Feed {
        /** Events older than this (by when the feed stored them) are purged. */
        @WithDefault("P400D")
        Duration retention();

        /** When the purge job runs (Quarkus cron; "off" disables it). */
        @WithDefault("0 20 0 * * ?")
        String purgeCron();

        /** Rows one feed request looks at, at most, whatever the filters (the answer's {@code next} moves past them). */
        @WithDefault("5000")
        int scanWindow();

        /**
         * The most event data (bytes as stored) one page carries; a page holds at least one event whatever its size.
         * Without it a page of 500 large events (a MatchPublished of 3,000 programs is about 650 KB) held hundreds of MB
         * and a few readers at once ended the service with an OutOfMemoryError (hostile read of the twenty-sixth pass, W2).
         */
        @WithDefault("1048576")
        int maxPageBytes();
    }

    interface Webhooks {
        /** Allow targets on loopback, private, link-local, unspecified and multicast addresses (one machine, tests). */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** Networks (CIDR) allowed even though private, e.g. {@code 10.20.0.0/16} for the district's own receivers. */
        Optional<List<String>> allowedNetworks();

        /** A delivery failing for this long disables its subscription (WebhookDisabled). */
        @WithDefault("P3D")
        Duration retryHorizon();

        /** First back-off after a failed attempt; doubles (with jitter) up to {@link #maxBackoff()}. */
        @WithDefault("10s")
        Duration initialBackoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /**
         * Requests in flight at once per subscription (its endpoint), across every replica: each is a slot that sends
         * its claimed deliveries one after the other over one kept-alive connection.
         */
        @WithDefault("4")
        int maxInFlight();

        /**
         * Connections open at once to one receiver (its address and port), whatever the subscriptions: each
         * subscription keeps to {@link #maxInFlight()} by its slots, so this only bounds what many subscriptions to one
         * shared receiver (a relay service's host) open together. It was {@code max-in-flight}: one tenant's slow
         * subscriptions on a shared host took every connection and another tenant's deliveries there timed out waiting.
         */
        @WithDefault("100")
        int maxConnectionsPerHost();

        /** Lanes (schools) whose due heads one slot takes per claim. */
        @WithDefault("10")
        int lanesPerSlot();

        /** Events of one lane a slot sends in a row (each only after the previous one was acknowledged). */
        @WithDefault("10")
        int eventsPerLane();

        /** A target's name resolution gives up after this (a slow resolver holds one delivery, not the sender threads). */
        @WithDefault("3s")
        Duration dnsTimeout();

        /** How long a target's resolved addresses are reused (every one is checked again at each use). */
        @WithDefault("30s")
        Duration dnsCacheTtl();

        @WithDefault("5s")
        Duration connectTimeout();

        /** The whole exchange, connection included. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** How long the previous secret keeps signing alongside a rotated one. */
        @WithDefault("P1D")
        Duration secretGracePeriod();

        /** How often the dispatcher looks for due deliveries when nothing woke it up. */
        @WithDefault("250ms")
        Duration pollInterval();

        /**
         * After a claim that took something, how long the dispatcher lets more become due before it claims again
         * (0: at once). Claims then take more per call: in the webhook benchmark, back-to-back claims took 26
         * deliveries each, 100 times a second, and cost more database time than the deliveries' own updates.
         */
        @WithDefault("20ms")
        Duration claimWindow();

        /** Lanes claimed at once, at most (each with up to {@link #eventsPerLane()} events). */
        @WithDefault("1000")
        int claimBatch();

        /**
         * Event data a claim holds at most (the events' stored bytes, each event counted once; at least one delivery is
         * kept): the rows past it are given back untried and claimed again later, in order. A claim of a thousand lanes
         * read every event's data at once, whatever its size (up to 900 KB each), into a 256 MB heap (hostile read of
         * the twenty-sixth pass, W2).
         */
        @WithDefault("8M")
        io.quarkus.runtime.configuration.MemorySize claimMaxBytes();

        /** Events one replay call queues at most (call again from the answer's {@code next}). */
        @WithDefault("10000")
        int replayMax();

        /**
         * A replay is refused (409 webhook-backlog-full) while the subscription has more undelivered deliveries than
         * this: a subscription's queue stays below this plus {@link #replayMax()} whatever a client asks.
         */
        @WithDefault("10000")
        int replayMaxBacklog();

        /** Subscriptions one API client may own, DISTRICT_ADMIN clients included (409 webhook-subscription-limit). */
        @WithDefault("25")
        int maxSubscriptionsPerClient();

        /** Largest request body /api/webhooks takes (413 payload-too-large above it). */
        @WithDefault("64K")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** Delivered and skipped deliveries (and their attempts) are purged after this. */
        @WithDefault("P30D")
        Duration logRetention();

        /**
         * Deliveries (with their attempts) a subscription's deletion removes in one transaction, batch after batch, before
         * it deletes the subscription itself (twenty-second pass).
         */
        @WithDefault("5000")
        int deleteBatch();

        /** Threads that sign and start requests (the HTTP exchange itself is non-blocking, name resolution apart). */
        @WithDefault("16")
        int senderThreads();

        /** Run the dispatcher in this instance (off only in tests that drive it themselves). */
        @WithDefault("true")
        boolean dispatcherEnabled();
    }
}
