package org.portfolio.platform.events;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.DeadLetters;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.infra.DeadLetterTool;
import org.portfolio.platform.events.testapp.TroubleHandler;
import org.portfolio.testing.RealInfrastructure;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.EventsProbe.Received;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the consumer does when applying an event fails (application.properties: max-attempts 3, max-transient-retries
 * 12, back-off 50 ms up to max-backoff 1 s): an event that keeps failing is dead-lettered after the attempts and the
 * consumer moves on; while the database is unreachable nothing is dead-lettered, however long it lasts, and the event
 * is applied once it is back; a connection error while the database answers is retried, but not for ever.
 */
@QuarkusTest
class ConsumerFailuresTest {

    static final int MAX_ATTEMPTS = 3;
    static final int MAX_TRANSIENT_RETRIES = 12;
    static final String DLQ = EventsConfig.deadLetterTopicOf(TroubleHandler.TOPIC);

    @Inject
    EntityManager em;

    @Inject
    KafkaClients kafka;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void databaseBack() {
        TroubleHandler.databaseDown = false;
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAfterMaxAttemptsAndTheConsumerMovesOn() {
        String key = "school-" + UUID.randomUUID();
        String failing = publish(key, Map.of("mode", "always-fails"));
        String next = publish(key, Map.of("mode", "ok"));

        await().atMost(Duration.ofSeconds(30)).until(() -> applied(next));
        Received letter = EventsProbe.await(DLQ, r -> failing.equals(r.id()), Duration.ofSeconds(10));
        assertThat(letter.header(DeadLetters.H_CONSUMER)).isEqualTo("trouble-maker");
        assertThat(letter.header(DeadLetters.H_ERROR)).isEqualTo("this trouble always fails");
        assertThat(letter.header(DeadLetters.H_ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.key()).isEqualTo(key);
        // tried max-attempts times on its own (a batch with its neighbour may add one try per round before that)
        assertThat(TroubleHandler.calls(failing)).isBetween(MAX_ATTEMPTS, 2 * MAX_ATTEMPTS);
        assertThat(applied(failing)).isFalse();
        assertThat(EventsProbe.readAll(DLQ).stream().filter(r -> failing.equals(r.id()))).hasSize(1);
    }

    /**
     * Twenty-seventh pass, G2: every reader of a topic may write its dead-letter topic, and a replay went wherever the
     * letter's own headers said: a letter planted on trouble.events.dlq naming gateway.clients (a forged client change),
     * or carrying another service's event, was put back with the operator's rights. Refused, with or without --force.
     */
    @Test
    void aPlantedDeadLetterIsNotPutBackOnAnotherTopicNorAsAnotherServicesEvent() throws Exception {
        DeadLetterTool tool = new DeadLetterTool(RealInfrastructure.bootstrapServers());
        var toClients = plant("gateway.clients", 0, 0, "portfolio.trouble.Trouble.v1", "/trouble");
        DeadLetterTool.Replay one = tool.replay(DLQ, toClients.partition(), toClients.offset(), true);
        assertThat(one.outcome()).isEqualTo(DeadLetterTool.Outcome.REFUSED_FOREIGN);
        assertThat(one.detail()).contains("gateway.clients").contains(TroubleHandler.TOPIC);

        var forged = plant(TroubleHandler.TOPIC, 0, 0, "portfolio.contracts.BenchmarkEvaluated.v1", "/contracts");
        DeadLetterTool.Replay two = tool.replay(DLQ, forged.partition(), forged.offset(), true);
        assertThat(two.outcome()).isEqualTo(DeadLetterTool.Outcome.REFUSED_FOREIGN);
        assertThat(two.detail()).contains("not an event trouble publishes");

        // the pass's own read, D1: the owner's own type and source, naming a record the owner did publish, but not a
        // copy of it (a forged MISSED in a real event's place)
        String real = publish("school-planted", Map.of("mode", "ok"));
        Received published = EventsProbe.await(TroubleHandler.TOPIC, r -> real.equals(r.id()), Duration.ofSeconds(10));
        var copy = plant(TroubleHandler.TOPIC, published.partition(), published.offset(), TroubleHandler.TYPE,
                TroubleHandler.SOURCE);
        DeadLetterTool.Replay three = tool.replay(DLQ, copy.partition(), copy.offset(), true);
        assertThat(three.outcome()).isEqualTo(DeadLetterTool.Outcome.REFUSED_FOREIGN);
        assertThat(three.detail()).contains("not a copy of the record");
    }

    /** A record written straight to the dead-letter topic, with headers naming {@code original} as where it came from. */
    private static org.apache.kafka.clients.producer.RecordMetadata plant(String original, int partition, long offset,
                                                                          String type, String source) throws Exception {
        String id = UUID.randomUUID().toString();
        String value = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"type\":\"" + type
                + "\",\"subject\":\"school-planted\",\"time\":\"2026-12-08T00:00:00Z\",\"data\":{\"mode\":\"ok\"}}";
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(DLQ, "school-planted",
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("dlq-original-topic", original.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("dlq-original-partition", String.valueOf(partition).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("dlq-original-offset", String.valueOf(offset).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("dlq-consumer", "trouble-maker".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        record.headers().add("dlq-error", "an ordinary failure".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                "bootstrap.servers", RealInfrastructure.bootstrapServers(),
                "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                "value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class.getName()))) {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** Seventh pass: nothing put a dead letter back, and a replay after a later event of its key could undo that one. */
    @Test
    void aDeadLetterPutBackAfterTheFixIsAppliedOnceAndNotOverALaterEventOfItsKeyUnlessForced() throws Exception {
        TroubleHandler.fixed = false;
        String key = "school-" + UUID.randomUUID();
        String failing = publish(key, Map.of("mode", "fails-until-fixed"));
        Received letter = EventsProbe.await(DLQ, r -> failing.equals(r.id()), Duration.ofSeconds(30));
        DeadLetterTool tool = new DeadLetterTool(RealInfrastructure.bootstrapServers());
        assertThat(tool.deadLetterTopics()).contains(DLQ);
        assertThat(tool.list(DLQ)).filteredOn(l -> failing.equals(l.eventId())).singleElement().satisfies(l -> {
            assertThat(l.consumer()).isEqualTo("trouble-maker");
            assertThat(l.error()).isEqualTo("this trouble fails until it is fixed");
            assertThat(l.originalTopic()).isEqualTo(TroubleHandler.TOPIC);
        });

        TroubleHandler.fixed = true;
        assertThat(tool.replay(DLQ, letter.partition(), letter.offset(), false).outcome()).isEqualTo(DeadLetterTool.Outcome.REPLAYED);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(failing));

        String later = publish(key, Map.of("mode", "ok"));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(later));
        DeadLetterTool.Replay refused = tool.replay(DLQ, letter.partition(), letter.offset(), false);
        assertThat(refused.outcome()).isEqualTo(DeadLetterTool.Outcome.REFUSED_LATER_EVENT);
        assertThat(refused.detail()).contains(later);
        assertThat(tool.replay(DLQ, letter.partition(), letter.offset(), true).outcome()).isEqualTo(DeadLetterTool.Outcome.REPLAYED);
        String last = publish(key, Map.of("mode", "ok"));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(last));
        assertThat(applied(failing)).as("put back twice, applied once").isTrue();
        assertThat(tool.replay(DLQ, letter.partition(), letter.offset() + 1_000_000, false).outcome())
                .isEqualTo(DeadLetterTool.Outcome.NOT_FOUND);

        // the original aged out of its topic (what retention does, here at once): whether a later event of its key
        // followed cannot be told, so only --force puts it back (the review of the tool: the guard saw nothing then)
        Received lastRecord = EventsProbe.await(TroubleHandler.TOPIC, r -> last.equals(r.id()), Duration.ofSeconds(10));
        kafka.admin().deleteRecords(Map.of(new TopicPartition(TroubleHandler.TOPIC, lastRecord.partition()),
                RecordsToDelete.beforeOffset(lastRecord.offset() + 1))).all().get(10, TimeUnit.SECONDS);
        DeadLetterTool.Replay gone = tool.replay(DLQ, letter.partition(), letter.offset(), false);
        assertThat(gone.outcome()).isEqualTo(DeadLetterTool.Outcome.REFUSED_ORIGINAL_GONE);
        assertThat(gone.detail()).contains("no longer on its topic");
    }

    @Test
    void aServerShuttingDownIsWaitedOutNotDeadLettered() {
        databaseOutageIsWaitedOut("57P01");
    }

    @Test
    void aLostConnectionIsWaitedOutNotDeadLettered() {
        databaseOutageIsWaitedOut("08006");
    }

    @Test
    void anEventThatLosesLockRacesMoreOftenThanMaxAttemptsIsAppliedNotDeadLettered() {
        // a deadlock PostgreSQL broke or a lock timeout is not the event's fault: before, the third loss dead-lettered
        // a good event and its school's later events went on without it
        for (String sqlState : java.util.List.of("40P01", "55P03")) {
            String key = "school-" + UUID.randomUUID();
            String event = publish(key, Map.of("mode", "contended", "sqlState", sqlState));
            String behind = publish(key, Map.of("mode", "ok"));
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(event) && applied(behind));
            assertThat(TroubleHandler.calls(event)).as(sqlState).isGreaterThan(TroubleHandler.CONTENDED_FAILURES);
            assertThat(EventsProbe.readAll(DLQ)).noneMatch(r -> event.equals(r.id()));
        }
    }

    @Test
    void anEventThatBreaksItsConnectionWhileTheDatabaseAnswersEndsInTheDeadLetterTopic() {
        // before, any class-08 error was taken for an outage and waited out for ever: an event whose own statement
        // broke the connection (08P01, a protocol violation; 08006, an I/O error: the same path) stopped its
        // partition for good
        for (String sqlState : java.util.List.of("08P01")) {
            String key = "school-" + UUID.randomUUID();
            String event = publish(key, Map.of("mode", "broken-connection", "sqlState", sqlState));
            String behind = publish(key, Map.of("mode", "ok"));
            await().atMost(Duration.ofSeconds(60)).until(() -> applied(behind));
            Received letter = EventsProbe.await(DLQ, r -> event.equals(r.id()), Duration.ofSeconds(10));
            assertThat(letter.header(DeadLetters.H_ERROR_CLASS)).as(sqlState)
                    .isEqualTo(jakarta.persistence.PersistenceException.class.getName());
            // the transient retries, then the attempts: their sum, not their product (each round may add one try in
            // a batch with its neighbour)
            assertThat(TroubleHandler.calls(event)).as(sqlState)
                    .isBetween(MAX_TRANSIENT_RETRIES + MAX_ATTEMPTS, 2 * (MAX_TRANSIENT_RETRIES + MAX_ATTEMPTS) + 2);
            assertThat(applied(event)).isFalse();
        }
    }

    @Test
    void eventsTheTopicDeletedWhileTheConsumerWaitedAreReportedLostAndItGoesOnFromTheOldestLeft() throws Exception {
        // review of 2026-12-05 (M3): with auto.offset.reset=earliest a consumer whose offset the topic's retention had
        // deleted (stopped or stuck longer than the retention) jumped to the oldest event left without a word
        TroubleHandler.databaseDown = true;
        String key = "school-" + UUID.randomUUID();
        String stuck = publish(key, Map.of("mode", "database", "sqlState", "08006"));
        String lost = publish(key, Map.of("mode", "ok"));
        String kept = publish(key, Map.of("mode", "ok"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TroubleHandler.calls(stuck) >= 2);
        double before = lostOffsets();

        // what retention does to the oldest segments, here at once: everything before `kept` is deleted
        Received k = EventsProbe.await(TroubleHandler.TOPIC, r -> kept.equals(r.id()), Duration.ofSeconds(10));
        kafka.admin().deleteRecords(Map.of(new TopicPartition(TroubleHandler.TOPIC, k.partition()),
                RecordsToDelete.beforeOffset(k.offset()))).all().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> lostOffsets() > before);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(kept));
        assertThat(applied(stuck)).isFalse();
        assertThat(applied(lost)).isFalse();
    }

    private double lostOffsets() {
        var c = registry.find("portfolio.events.offsets.lost").tag("consumer", "trouble-maker").counter();
        return c == null ? 0 : c.count();
    }

    private void databaseOutageIsWaitedOut(String sqlState) {
        TroubleHandler.databaseDown = true;
        String key = "school-" + UUID.randomUUID();
        String event = publish(key, Map.of("mode", "database", "sqlState", sqlState));
        String behind = publish(key, Map.of("mode", "ok"));

        // more tries than max-attempts and max-transient-retries together, and still neither dead-lettered nor skipped
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TroubleHandler.calls(event) >= MAX_TRANSIENT_RETRIES + MAX_ATTEMPTS + 3);
        assertThat(EventsProbe.readAll(DLQ)).noneMatch(r -> event.equals(r.id()));
        assertThat(applied(event)).isFalse();
        assertThat(applied(behind)).as("the record behind it waits too").isFalse();

        TroubleHandler.databaseDown = false;
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(event) && applied(behind));
        assertThat(EventsProbe.readAll(DLQ)).noneMatch(r -> event.equals(r.id()) || behind.equals(r.id()));
        assertThat(count("select count(*) from processed_event where consumer = 'trouble-maker' and event_id = ?1", event))
                .isEqualTo(1);
    }

    private static String publish(String key, Map<String, Object> data) {
        return EventsProbe.publish(TroubleHandler.TOPIC, TroubleHandler.SOURCE, TroubleHandler.TYPE, key, data);
    }

    private boolean applied(String eventId) {
        return count("select count(*) from received_thing where event_id = ?1", eventId) == 1;
    }

    private long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }
}
