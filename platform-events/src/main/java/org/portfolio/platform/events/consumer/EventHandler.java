package org.portfolio.platform.events.consumer;

import java.util.List;
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

    /**
     * Whether consecutive records of one partition may share a transaction even when their keys (schools) differ.
     * By default only records with the same key do, so that a transaction never holds two schools' locks. Say true
     * only if applying one event does not depend on another event of a different key having committed, and if the
     * locks the handler takes for several keys in one transaction cannot wait in a cycle with another transaction's
     * (take them in one fixed order in {@link #beforeBatch}). Every event still records its own processed_event row,
     * order per key is kept (a partition's records are applied in offset order), and a batch in which anything
     * fails is rolled back and applied one record at a time, as always.
     */
    default boolean batchesAcrossKeys() {
        return false;
    }

    /**
     * Called in the transaction of a batch of more than one event, before the first of them is applied, with the
     * batch's events of this handler's {@link #types} (some may turn out to be duplicates and be skipped): e.g. to
     * take the locks that applying them will take, in one order. Throwing rolls the batch back; its records are then
     * applied one by one. Default: nothing.
     */
    default void beforeBatch(List<IncomingEvent> events) {
    }
}
