package org.portfolio.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.consumer.DeadLetters;
import org.portfolio.platform.events.testapp.ThingHandler;
import org.portfolio.platform.events.testapp.TwoOwnersHandler;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.EventsProbe.Received;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer takes an event only from the service that owns the topic (issue 13, point 6): on upstream.events only
 * portfolio.upstream.* events with source /upstream. A copy of a valid event with another source, or another
 * service's type, written by a plain Kafka producer, goes to the DLQ and is counted; the handler never sees it.
 */
@QuarkusTest
class EventAuthenticityTest {

    static final String DLQ = EventsConfig.deadLetterTopicOf(ThingHandler.TOPIC);

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Test
    void aCopyOfAValidEventWithAnOutsiderSourceIsDeadLetteredAndCountedAndNeverHandled() {
        String school = "school-" + UUID.randomUUID();
        Map<String, Object> data = Map.of("value", "grant revoked");
        String valid = EventsProbe.publish(ThingHandler.TOPIC, "/upstream", ThingHandler.TYPE, school, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> handled(valid));
        double rejectedBefore = rejected("foreign-source");

        String forged = EventsProbe.publish(ThingHandler.TOPIC, "/outsider", ThingHandler.TYPE, school, data);
        String after = EventsProbe.publish(ThingHandler.TOPIC, "/upstream", ThingHandler.TYPE, school,
                Map.of("value", "still applied"));

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(after));
        Received letter = EventsProbe.await(DLQ, r -> forged.equals(r.id()), Duration.ofSeconds(10));
        assertThat(letter.header(DeadLetters.H_CONSUMER)).isEqualTo("thing-recorder");
        assertThat(letter.header(DeadLetters.H_ERROR)).contains("source /outsider, not /upstream").contains("forged");
        assertThat(letter.source()).isEqualTo("/outsider");
        assertThat(handled(forged)).as("the handler never ran").isFalse();
        assertThat(count("select count(*) from processed_event where event_id = ?1", forged)).isZero();
        assertThat(rejected("foreign-source")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void anotherServicesEventTypeOnThisTopicIsDeadLetteredAndCounted() {
        String school = "school-" + UUID.randomUUID();
        double rejectedBefore = rejected("foreign-type");

        String misrouted = EventsProbe.publish(ThingHandler.TOPIC, "/contracts",
                "portfolio.contracts.SchoolRegistered.v1", school, Map.of("schoolId", school));
        String after = EventsProbe.publish(ThingHandler.TOPIC, "/upstream", ThingHandler.TYPE, school,
                Map.of("value", "after the misrouted one"));

        await().atMost(Duration.ofSeconds(20)).until(() -> handled(after));
        Received letter = EventsProbe.await(DLQ, r -> misrouted.equals(r.id()), Duration.ofSeconds(10));
        assertThat(letter.header(DeadLetters.H_ERROR))
                .contains("portfolio.contracts.SchoolRegistered.v1").contains("only upstream publishes");
        assertThat(rejected("foreign-type")).isEqualTo(rejectedBefore + 1);
    }

    /**
     * Hostile review of the twenty-seventh pass, G1: an id is unique for its source only. A consumer of two services'
     * topics recorded (consumer, id), so the right service, publishing on its own topic an event with the id of a left
     * event not read yet, had the left event skipped as a duplicate. Both are applied; a redelivery of either is not.
     */
    @Test
    void anEventIdTakenFirstByAnotherServiceDoesNotKeepThisServicesEventOut() {
        String school = "school-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        EventsProbe.publish(TwoOwnersHandler.RIGHT_TOPIC, id, "/right", TwoOwnersHandler.RIGHT_TYPE, school,
                Map.of("value", "the right service's, first"));
        await().atMost(Duration.ofSeconds(20)).until(() -> pairs(id) == 1);
        EventsProbe.publish(TwoOwnersHandler.LEFT_TOPIC, id, "/left", TwoOwnersHandler.LEFT_TYPE, school,
                Map.of("value", "the left service's own"));
        EventsProbe.publish(TwoOwnersHandler.LEFT_TOPIC, id, "/left", TwoOwnersHandler.LEFT_TYPE, school,
                Map.of("value", "the left service's own"));
        String after = EventsProbe.publish(TwoOwnersHandler.LEFT_TOPIC, "/left", TwoOwnersHandler.LEFT_TYPE, school,
                Map.of("value", "after them"));

        await().atMost(Duration.ofSeconds(20)).until(() -> pairs(after) == 1);
        assertThat(count("select count(*) from received_pair where event_id = ?1 and source = '/left'", id))
                .as("the left event applied once, its redelivery skipped").isEqualTo(1);
        assertThat(pairs(id)).isEqualTo(2);
    }

    /**
     * The pass's own read, D2: a replica of the previous release, still running while the first of this release
     * migrates, inserts its inbox rows without a source: they are still taken (the source read from the type) and a
     * redelivery is still skipped.
     */
    @Test
    void anInboxRowWrittenWithoutItsSourceByThePreviousReleaseIsStillKeyedAndDeduplicated() {
        String id = UUID.randomUUID().toString();
        String insert = "insert into processed_event (consumer, event_id, event_type) values ('previous-release', ?1, "
                + "'portfolio.upstream.Thing.v1') on conflict do nothing";
        int first = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery(insert).setParameter(1, id).executeUpdate());
        int again = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                em.createNativeQuery(insert).setParameter(1, id).executeUpdate());
        assertThat(first).isEqualTo(1);
        assertThat(again).as("a redelivery to the previous release is still skipped").isZero();
        assertThat(count("select count(*) from processed_event where event_id = ?1 and source = '/upstream'", id)).isEqualTo(1);
    }

    private long pairs(String eventId) {
        return count("select count(*) from received_pair where event_id = ?1", eventId);
    }

    private double rejected(String reason) {
        var c = registry.find("portfolio.events.rejected").tag("consumer", "thing-recorder").tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    private boolean handled(String eventId) {
        return count("select count(*) from received_thing where event_id = ?1", eventId) == 1;
    }

    private long count(String sql, Object... params) {
        return TestDb.count(em, sql, params);
    }
}
