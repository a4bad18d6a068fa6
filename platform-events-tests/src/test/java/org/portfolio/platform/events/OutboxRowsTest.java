package org.portfolio.platform.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.outbox.Outbox;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows of the outbox as the relay needs them. The relay sends unsent rows in {@code seq} order; with two replicas of a service that must still be the order the
 * rows were written in, or two events of one school waiting together go out the wrong way round (review of
 * 2026-12-05: a MISSED evaluation written on one replica, then a MET on the other, applied MET then MISSED).
 */
@QuarkusTest
class OutboxRowsTest {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Test
    void anEventWrittenAfterAnotherReplicasEventIsNumberedAfterIt() {
        String school = UUID.randomUUID().toString();
        // this replica has written before (with a block of numbers it would still hold)
        long first = write(school, "first");
        // the other replica writes next, drawing from the same sequence as its Hibernate does: the lowest number of
        // what it draws (a block of "increment" numbers, one number when the increment is 1)
        long other = QuarkusTransaction.requiringNew().call(() -> {
            Object[] r = (Object[]) em.createNativeQuery("""
                    select nextval('outbox_event_seq'), s.increment_by
                    from pg_sequences s where s.sequencename = 'outbox_event_seq'""").getSingleResult();
            long seq = ((Number) r[0]).longValue() - ((Number) r[1]).longValue() + 1;
            em.createNativeQuery("""
                    insert into outbox_event (seq, id, aggregate_type, aggregate_id, type, subject, topic, message_key,
                                              occurred_at, payload)
                    values (?1, ?2, 'Note', ?3, 'portfolio.testsvc.NoteCreated.v1', ?3, 'testsvc.events', ?3, now(),
                            cast(?4 as jsonb))""")
                    .setParameter(1, seq).setParameter(2, UUID.randomUUID()).setParameter(3, school)
                    .setParameter(4, "{\"noteId\": \"" + UUID.randomUUID() + "\", \"text\": \"other replica\"}").executeUpdate();
            return seq;
        });
        // then this replica writes again, after the other's commit
        long later = write(school, "later");
        assertThat(other).as("the other replica's row comes after this replica's first").isGreaterThan(first);
        assertThat(later).as("a row written after the other replica's committed row is sent after it").isGreaterThan(other);
    }

    @Test
    void anEventLargerThanTheBrokerCarriesIsRefusedWithItsChangeInsteadOfHoldingUpEveryLaterEvent() {
        // review of 2026-12-05: a MatchPublished of thousands of runs passed Kafka's 1 MB; the relay, which keeps order,
        // would have retried it for good with every later event of the service behind it
        String school = UUID.randomUUID().toString();
        String big = "x".repeat(Outbox.MAX_PAYLOAD_BYTES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(school, big))
                .isInstanceOf(org.portfolio.platform.web.problem.ProblemException.class)
                .hasMessageContaining("more than one event can carry");
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where subject = ?1").setParameter(1, school).getSingleResult()).longValue()))
                .as("nothing written").isZero();
        // counted in bytes, as the broker counts them (nineteenth pass: 300,000 CJK characters, 900,000 bytes, passed
        // a limit in characters)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> write(school, "\u4e2d".repeat(Outbox.MAX_PAYLOAD_BYTES / 3)))
                .isInstanceOf(org.portfolio.platform.web.problem.ProblemException.class)
                .hasMessageContaining("bytes, more than one event can carry");
        assertThat(Outbox.utf8Length("a\u00e9\u4e2d" + new String(Character.toChars(0x1F600)))).isEqualTo(1 + 2 + 3 + 4);
        // just below the limit still goes
        assertThat(write(school, "x".repeat(Outbox.MAX_PAYLOAD_BYTES - 100))).isPositive();
    }

    private long write(String school, String text) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> outbox.publish("Note", UUID.fromString(school), "NoteCreated",
                UUID.fromString(school), new org.portfolio.platform.events.testapp.NoteResource.NoteCreated(id, text)));
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select seq from outbox_event where payload ->> 'noteId' = ?1").setParameter(1, id.toString())
                .getSingleResult()).longValue());
    }
}
