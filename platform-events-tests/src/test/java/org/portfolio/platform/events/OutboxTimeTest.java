package org.portfolio.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.events.outbox.OutboxEvent;
import org.portfolio.platform.events.testapp.NoteResource;
import org.portfolio.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's time (its CloudEvents {@code time}) is the service's clock's, which a test moves: sixteenth pass, the
 * outbox stamped it with the system clock whenever the caller gave no time, so a service whose clock stood on another
 * day published events of today.
 */
@QuarkusTest
class OutboxTimeTest {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void anEventWithoutAGivenTimeOccursAtTheServicesClockNotTheSystemClock() {
        Instant moved = Instant.parse("2031-02-03T04:05:06Z");
        TestClock.setNow(moved);
        UUID school = UUID.randomUUID();
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish("Note", school, "NoteCreated", school,
                new NoteResource.NoteCreated(UUID.randomUUID(), "on the moved clock")));

        OutboxEvent row = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from OutboxEvent where id = ?1", OutboxEvent.class).setParameter(1, id).getSingleResult());
        assertThat(row.occurredAt).isBetween(moved, moved.plus(Duration.ofMinutes(1)));
        assertThat(CloudEventCodec.toCloudEvent(row, "testsvc").getTime().toInstant()).isEqualTo(row.occurredAt);
    }
}
