package org.portfolio.platform.events.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.CloudEventCodec;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.consumer.EventOrigin.ForeignEventException;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.platform.events.kafka.TopicInitializer;
import org.portfolio.platform.web.http.LoggedErrors;
import org.portfolio.platform.web.correlation.RequestCorrelation;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The poll loop of one {@link EventHandler}: for each record, in one database transaction, insert
 * {@code (consumer, source, event id)} into processed_event (a duplicate key means "already applied": skip) and apply
 * the event; then commit the Kafka offsets of what was applied. A record that fails is retried from the same
 * offset with back-off; an unusable one (or one that keeps failing) goes to the dead-letter topic. While the
 * database is unreachable the consumer waits instead of dead-lettering. A record that its topic's owner cannot
 * have published ({@link EventOrigin}) goes to the dead-letter topic before any handler sees it.
 *
 * <p>Consecutive records of one partition with the same key (one school: an SIS upload's results and rating, a
 * contract's activation and its evaluations) are applied in one transaction, up to
 * {@code portfolio.events.consumer.batch-size}: each still records its own processed_event row, so the effect is
 * the same as one transaction each, at a fraction of the commits. If anything in such a batch fails, the batch is
 * rolled back and its records are applied one by one, where the retry and dead-letter rules above decide. Only
 * same-key runs are batched so that a transaction never holds the locks of two schools, unless the handler says
 * its events may share a transaction across keys ({@link EventHandler#batchesAcrossKeys()}): then any consecutive
 * records of a partition are, in offset order (so each key's order is kept), after
 * {@link EventHandler#beforeBatch} has taken whatever locks the handler needs in its own order.
 *
 * <p>Each record is decoded once. A well-formed event of a type the handler does not take is only counted
 * ({@code outcome=ignored}) and its offset committed: no request context, transaction or processed_event row, since
 * most events on a topic are of types a given consumer ignores.
 *
 * <p>Both ways apply an event the same way: {@link #inEventScope} (its request context and correlation ids) around
 * {@link #applyOne} (its processed_event row, then the handler), inside a transaction.
 */
final class ConsumerWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerWorker.class);

    private enum Outcome { DONE, RETRY }

    /** What applying one event did; the {@code outcome} tag of {@code portfolio.events.consumed}. */
    private enum Applied {
        APPLIED("applied"), DUPLICATE("duplicate"), IGNORED("ignored");

        final String tag;

        Applied(String tag) {
            this.tag = tag;
        }
    }

    private final EventHandler handler;
    private final String groupId;
    private final KafkaClients clients;
    private final EntityManager em;
    private final DeadLetters deadLetters;
    private final EventsConfig config;
    private final MeterRegistry registry;
    private final DatabaseProbe database;
    private final TopicInitializer topics;
    private final Map<String, Integer> attempts = new HashMap<>();
    /**
     * Retries per record after failures that are not the event's fault (lock contention; a connection error while
     * the database answers): not attempts, up to {@code portfolio.events.consumer.max-transient-retries} in a row.
     */
    private final Map<String, Integer> transientRetries = new HashMap<>();
    /** Offsets not committed yet: past events that were only ignored (committed with the next, or within seconds). */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    static final long IGNORED_COMMIT_EVERY_NANOS = 5_000_000_000L;
    /** How long a consumer waits at start for its topics to be created before it subscribes regardless. */
    static final Duration TOPICS_WAIT = Duration.ofSeconds(30);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private long lastCommit = System.nanoTime();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long backoffMs;

    ConsumerWorker(EventHandler handler, KafkaClients clients, EntityManager em, DatabaseProbe database,
                   TopicInitializer topics, DeadLetters deadLetters, EventsConfig config, MeterRegistry registry) {
        this.handler = handler;
        this.topics = topics;
        this.groupId = config.service() + "." + handler.name();
        this.clients = clients;
        this.em = em;
        this.database = database;
        this.deadLetters = deadLetters;
        this.config = config;
        this.registry = registry;
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        awaitTopics();
        while (running) {
            try (KafkaConsumer<String, byte[]> c = clients.newConsumer(groupId)) {
                consumer = c;
                uncommitted.clear();
                c.subscribe(handler.topics(), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // what this consumer reached in them is committed before another takes them over
                        commitPartitions(c, partitions);
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        // a partition that comes back starts from what the group committed, never from an older offset
                        uncommitted.keySet().removeAll(partitions);
                    }
                });
                LOG.infof("Consumer %s reading %s", groupId, handler.topics());
                while (running) {
                    pollOnce(c);
                }
                commitPartitions(c, c.assignment());
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    LOG.errorf(LoggedErrors.of(e), "Consumer %s failed; restarting it in 1 s", groupId);
                    pause(1_000);
                }
            }
        }
    }

    /**
     * Waits, up to {@link #TOPICS_WAIT}, for {@link TopicInitializer} to have created the topics this consumer reads
     * ({@link TopicInitializer#awaitReadyWhile}); then subscribes regardless: a broker that is unreachable is waited
     * for as before. A topic that can never be created (a broker's policy, too few brokers for the replication factor)
     * costs each consumer these 30 s at every start, with TopicInitializer's WARN saying why.
     */
    private void awaitTopics() {
        if (topics.awaitReadyWhile(() -> running, TOPICS_WAIT)) {
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            // nothing interrupts a consumer but its end: stop (polling with the flag set would fail at once, in a loop)
            running = false;
        } else if (running) {
            LOG.infof("Consumer %s subscribing before its topics were created (broker unreachable?)", groupId);
        }
    }

    private void pollOnce(KafkaConsumer<String, byte[]> c) {
        ConsumerRecords<String, byte[]> records;
        try {
            records = c.poll(Duration.ofMillis(500));
        } catch (InvalidOffsetException e) {
            int lost = startOver(c, e, groupId);
            if (lost > 0) {
                registry.counter("portfolio.events.offsets.lost", "consumer", handler.name()).increment(lost);
            }
            return;
        }
        if (records.isEmpty()) {
            commit(c, false);
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean retry = false;
        boolean appliedAny = false;
        int maxBatch = Math.max(1, config.consumer().batchSize());
        for (TopicPartition tp : records.partitions()) {
            List<Decoded> list = records.records(tp).stream().map(ConsumerWorker::decode).toList();
            int i = 0;
            while (i < list.size() && running) {
                if (list.get(i).ignored(handler)) {
                    // a type this handler does not take: nothing to apply, so no request context, transaction or
                    // processed_event row (most events on a topic are of types a given consumer ignores)
                    count(Applied.IGNORED.tag);
                    done.put(tp, new OffsetAndMetadata(list.get(i).record().offset() + 1));
                    i++;
                    continue;
                }
                appliedAny = true;
                int end = handler.batchesAcrossKeys() ? Math.min(list.size(), i + maxBatch) : sameKeyRun(list, i, maxBatch);
                if (end - i > 1 && applyBatch(list.subList(i, end))) {
                    done.put(tp, new OffsetAndMetadata(list.get(end - 1).record().offset() + 1));
                    i = end;
                    continue;
                }
                // one record (or a batch that failed: its records one by one, with the retry and DLQ rules)
                boolean stop = false;
                for (; i < end && running; i++) {
                    ConsumerRecord<String, byte[]> r = list.get(i).record();
                    if (process(list.get(i)) == Outcome.RETRY) {
                        c.seek(tp, r.offset());
                        stop = true;
                        break;
                    }
                    done.put(tp, new OffsetAndMetadata(r.offset() + 1));
                }
                if (stop) {
                    retry = true;
                    break;
                }
            }
        }
        uncommitted.putAll(done);
        commit(c, appliedAny || retry);
        if (retry) {
            backoffMs = backoffMs == 0 ? config.consumer().backoff().toMillis()
                    : Math.min(backoffMs * 2, config.consumer().maxBackoff().toMillis());
            pause(backoffMs);
        } else {
            backoffMs = 0;
        }
    }

    /**
     * No committed offset (a new group or partition): from the beginning. An offset the topic no longer holds (its
     * retention deleted the events while this consumer was stopped or stuck): from the oldest one left, with an ERROR;
     * the caller counts it in {@code portfolio.events.offsets.lost}, since the events in between are lost to this
     * consumer. A truncated log (an unclean leader election) goes on from where the logs diverge.
     *
     * @return how many partitions' offsets were no longer on their topic
     */
    static int startOver(Consumer<String, byte[]> c, InvalidOffsetException e, String groupId) {
        if (e instanceof LogTruncationException truncated && !truncated.divergentOffsets().isEmpty()) {
            // the log was truncated under the offset (an unclean leader election): go on from where the logs diverge,
            // as the automatic reset did; nothing the retention deleted
            truncated.divergentOffsets().forEach((tp, at) -> {
                LOG.warnf("Consumer %s: the log of %s was truncated; going on from offset %d", groupId, tp, at.offset());
                c.seek(tp, at);
            });
            return 0;
        }
        int lost = 0;
        if (e instanceof OffsetOutOfRangeException out) {
            for (var p : out.offsetOutOfRangePartitions().entrySet()) {
                lost++;
                LOG.errorf("Consumer %s: offset %d of %s is no longer on the topic (deleted by its retention while the "
                        + "consumer was away); going on from the oldest event left: the events before it are lost to "
                        + "this consumer", groupId, p.getValue(), p.getKey());
            }
        }
        c.seekToBeginning(e.partitions());
        return lost;
    }

    /**
     * Commits the offsets reached. Offsets past events that were only ignored wait (up to
     * {@link #IGNORED_COMMIT_EVERY_NANOS}) for the next commit unless {@code now}: reading such events again after a
     * restart or a rebalance has no effect, and a commit per ignored event costs a round trip to the broker.
     */
    private void commit(KafkaConsumer<String, byte[]> c, boolean now) {
        if (uncommitted.isEmpty() || !(now || System.nanoTime() - lastCommit >= IGNORED_COMMIT_EVERY_NANOS)) {
            return;
        }
        uncommitted.keySet().retainAll(c.assignment());
        try {
            if (!uncommitted.isEmpty()) {
                c.commitSync(uncommitted, COMMIT_TIMEOUT);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (Exception e) {
            // the records come again after a rebalance; processed_event makes that harmless
            LOG.warnf("Consumer %s could not commit offsets (%s); records will be redelivered and skipped",
                    groupId, e.toString());
        }
        uncommitted.clear();
        lastCommit = System.nanoTime();
    }

    /** Commits what is still uncommitted of these partitions (they are being revoked, or the consumer stops). */
    private void commitPartitions(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> these = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata o = uncommitted.remove(tp);
            if (o != null) {
                these.put(tp, o);
            }
        }
        if (these.isEmpty()) {
            return;
        }
        try {
            c.commitSync(these, COMMIT_TIMEOUT);
        } catch (Exception e) {
            LOG.infof("Consumer %s could not commit offsets past ignored events (%s); they will be read again and ignored",
                    groupId, e.toString());
        }
    }

    /** The end (exclusive) of the run of records from {@code from} with the same non-null key, at most {@code max}. */
    private static int sameKeyRun(List<Decoded> list, int from, int max) {
        String key = list.get(from).record().key();
        int end = from + 1;
        if (key == null) {
            return end;
        }
        while (end < list.size() && end - from < max && key.equals(list.get(end).record().key())) {
            end++;
        }
        return end;
    }

    /**
     * A record read once: its event, if it is a CloudEvent its topic's owner can have published ({@link EventOrigin}),
     * else why it is poison (then {@code event} is null).
     */
    record Decoded(ConsumerRecord<String, byte[]> record, IncomingEvent event, PoisonEventException poison) {

        /** A well-formed event of its topic's owner whose type the handler does not take. */
        boolean ignored(EventHandler handler) {
            return event != null && !handler.types().contains(event.type());
        }
    }

    static Decoded decode(ConsumerRecord<String, byte[]> r) {
        try {
            IncomingEvent event = CloudEventCodec.decode(r.value());
            EventOrigin.check(r.topic(), event);
            return new Decoded(r, event, null);
        } catch (PoisonEventException e) {
            return new Decoded(r, null, e);
        }
    }

    /**
     * Applies a run of records in one transaction. Returns false, having changed nothing, when any of them cannot be
     * read or fails: the caller then applies them one by one.
     */
    private boolean applyBatch(List<Decoded> batch) {
        List<IncomingEvent> events = new ArrayList<>(batch.size());
        for (Decoded d : batch) {
            if (d.event() == null) {
                return false;
            }
            events.add(d.event());
        }
        List<IncomingEvent> handled = events.stream().filter(e -> handler.types().contains(e.type())).toList();
        Map<Applied, Integer> outcomes = new EnumMap<>(Applied.class);
        try {
            QuarkusTransaction.requiringNew().timeout(60).run(() -> {
                if (handled.size() > 1) {
                    inEventScope(handled.get(0), () -> {
                        handler.beforeBatch(handled);
                        return null;
                    });
                }
                for (IncomingEvent event : events) {
                    Applied applied = handler.types().contains(event.type())
                            ? inEventScope(event, () -> applyOne(event)) : Applied.IGNORED;
                    outcomes.merge(applied, 1, Integer::sum);
                }
            });
        } catch (Throwable t) {
            // visible: a batch that keeps failing (a deadlock, a timeout, a poison event) costs twice the work
            registry.counter("portfolio.events.consumed.batches.rolled-back", "consumer", handler.name()).increment();
            LOG.warnf("Consumer %s: a batch of %d events failed (%s); applying them one by one", groupId,
                    batch.size(), rootMessage(t));
            return false;
        }
        for (Decoded d : batch) {
            String key = attemptKey(d.record());
            attempts.remove(key);
            transientRetries.remove(key);
        }
        outcomes.forEach((outcome, n) -> countBy(outcome.tag, n));
        registry.counter("portfolio.events.consumed.batches", "consumer", handler.name()).increment();
        return true;
    }

    private Outcome process(Decoded d) {
        if (d.event() == null) {
            return deadLetter(d.record(), null, d.poison());
        }
        if (d.ignored(handler)) {
            count(Applied.IGNORED.tag);
            return Outcome.DONE;
        }
        return inEventScope(d.event(), () -> applyAlone(d.record(), d.event()));
    }

    /** One record in its own transaction; a failure is retried, waited out or dead-lettered. */
    private Outcome applyAlone(ConsumerRecord<String, byte[]> r, IncomingEvent event) {
        String key = attemptKey(r);
        try {
            Applied applied = QuarkusTransaction.requiringNew().timeout(60).call(() -> applyOne(event));
            attempts.remove(key);
            transientRetries.remove(key);
            count(applied.tag);
            if (applied == Applied.DUPLICATE) {
                LOG.debugf("Consumer %s skipped event %s: already processed", groupId, event.id());
            }
            return Outcome.DONE;
        } catch (Throwable t) {
            if (isPoison(t)) {
                attempts.remove(key);
                transientRetries.remove(key);
                return deadLetter(r, event, t);
            }
            if (!database.answers()) {
                // an outage, whatever the error said: waited out however long it lasts, no attempt counted
                LOG.warnf("Consumer %s waits for the database (%s)", groupId, rootMessage(t));
                return Outcome.RETRY;
            }
            boolean outageState = DatabaseOutage.isOutage(t);
            if ((outageState || DatabaseOutage.isContention(t))
                    && transientRetries.merge(key, 1, Integer::sum) <= config.consumer().maxTransientRetries()) {
                // lost a lock race (a deadlock PostgreSQL broke, a lock timeout), or a connection failed while the
                // database answers (it is coming back, or the event's own statement broke the connection): not
                // counted as an attempt, which could dead-letter a good event and break its school's order; bounded,
                // so that an event which breaks its connection every time still ends in the dead-letter topic
                LOG.infof("Consumer %s retries event %s after %s (%s)", groupId, event.id(),
                        outageState ? "a connection error" : "lock contention", rootMessage(t));
                return Outcome.RETRY;
            }
            // past the bound each further failure counts (the bound is not reset: a record that keeps breaking its
            // connection costs max-transient-retries + max-attempts tries, not their product)
            int n = attempts.merge(key, 1, Integer::sum);
            if (n >= config.consumer().maxAttempts()) {
                attempts.remove(key);
                transientRetries.remove(key);
                return deadLetter(r, event, t);
            }
            LOG.warnf(LoggedErrors.of(t), "Consumer %s failed on event %s (%s), attempt %d of %d", groupId, event.id(), event.type(),
                    n, config.consumer().maxAttempts());
            return Outcome.RETRY;
        }
    }

    /**
     * The unit of work of one event: the request context (request-scoped beans of the handler) and the event's
     * correlation (its id as request id, its traceparent), so every log line of it, failures included, carries them.
     */
    private <T> T inEventScope(IncomingEvent event, Callable<T> work) {
        RequestCorrelation.begin("event-" + event.id(), event.traceparent());
        ManagedContext requestContext = Arc.container().requestContext();
        try {
            requestContext.activate();
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (requestContext.isActive()) {
                requestContext.terminate();
            }
            RequestCorrelation.end();
        }
    }

    /**
     * Applies one event inside the caller's transaction: skipped unless the handler takes its type; else its
     * processed_event row (a duplicate means it was applied before: skipped), then the handler.
     */
    private Applied applyOne(IncomingEvent event) {
        if (!handler.types().contains(event.type())) {
            return Applied.IGNORED;
        }
        if (!recordProcessed(event)) {
            return Applied.DUPLICATE;
        }
        handler.handle(event);
        return Applied.APPLIED;
    }

    /**
     * Inserts (consumer, source, event id) into processed_event; false when the row existed: the event was applied
     * before. The source is part of the key: an id is unique for its source only, and a consumer of several services'
     * topics skipped one service's event whose id another had published first (twenty-seventh pass, G1).
     */
    private boolean recordProcessed(IncomingEvent event) {
        // plain JDBC on the transaction's connection: one prepared statement the driver keeps, rather than a native
        // query Hibernate parses again for every event
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "insert into processed_event (consumer, source, event_id, event_type) values (?, ?, ?, ?) "
                            + "on conflict do nothing")) {
                st.setString(1, handler.name());
                st.setString(2, String.valueOf(event.source()));
                st.setString(3, event.id());
                st.setString(4, event.type());
                return st.executeUpdate() == 1;
            }
        });
    }

    private Outcome deadLetter(ConsumerRecord<String, byte[]> r, IncomingEvent event, Throwable error) {
        Throwable reason = poisonCause(error);
        try {
            deadLetters.send(r, handler.name(), reason);
            count("dead-lettered");
            if (reason instanceof ForeignEventException foreign) {
                registry.counter("portfolio.events.rejected", "consumer", handler.name(),
                        "reason", foreign.reason().tag()).increment();
            }
            LOG.errorf("Consumer %s sent %s from %s-%d@%d to the dead-letter topic: %s", groupId,
                    event == null ? "a record" : "event " + event.id() + " (" + event.type() + ")",
                    r.topic(), r.partition(), r.offset(), LoggedErrors.mask(reason.getMessage()));
            return Outcome.DONE;
        } catch (Exception e) {
            LOG.warnf("Consumer %s could not dead-letter %s-%d@%d (%s); retrying", groupId, r.topic(), r.partition(),
                    r.offset(), e.toString());
            return Outcome.RETRY;
        }
    }

    private static String attemptKey(ConsumerRecord<String, byte[]> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset();
    }

    private void count(String outcome) {
        countBy(outcome, 1);
    }

    private void countBy(String outcome, int n) {
        if (n > 0) {
            registry.counter("portfolio.events.consumed", "consumer", handler.name(), "outcome", outcome).increment(n);
        }
    }

    private static boolean isPoison(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PoisonEventException
                    || c instanceof jakarta.validation.ConstraintViolationException
                    || c instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable poisonCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof PoisonEventException || c instanceof jakarta.validation.ConstraintViolationException) {
                return c;
            }
        }
        return t;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return LoggedErrors.mask(c.toString());
    }

    private void pause(long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
