package org.portfolio.platform.events.consumer;

import java.util.Set;

/**
 * A service's reaction to events of other services. Implement it as an {@code @ApplicationScoped} bean; the
 * backbone runs one Kafka consumer (group {@code <service>.<name>}) per handler, calls {@link #handle} inside
 * a database transaction that also records {@code (consumer, event id)} as processed, and commits the
 * offset only after that transaction. A redelivered event is skipped. A poison event goes to
 * {@code <topic>.dlq} with the error and the consumer moves on.
 */
public interface EventHandler {

    /** Stable consumer name (kebab-case). It keys the consumer group and the processed-event rows: never rename it. */
    String name();

    /**
     * The topics to read, each a service's {@code <service>.events}, e.g. {@code performance.events}. A record on it
     * is applied only if its type is {@code portfolio.<service>.*} and its source {@code /<service>}
     * ({@link EventOrigin}); any other goes to the dead-letter topic.
     */
    Set<String> topics();

    /** The full CloudEvents types this handler applies; other events on the topics are skipped. */
    Set<String> types();

    /**
     * Applies one event. Runs in the transaction that records it as processed: throw to roll both back.
     * Throw {@link PoisonEventException} when the event itself can never be applied.
     */
    void handle(IncomingEvent event);
}
