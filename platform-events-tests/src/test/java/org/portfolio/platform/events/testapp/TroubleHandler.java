package org.portfolio.platform.events.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies portfolio.trouble.Trouble.v1 events from trouble.events by inserting a row, unless told to fail:
 * {@code mode} "always-fails" throws an ordinary exception every time; "database" fails as the PostgreSQL driver
 * does when the database is unreachable (an SQLException with {@code sqlState}, wrapped by the persistence layer)
 * for as long as {@link #databaseDown} is set (and {@link TroubleDatabaseProbe} says the database does not answer);
 * "broken-connection" fails with such an error ({@code sqlState}) every time while the database answers, as a statement
 * that breaks its own connection would; "contended" loses a lock race ({@code sqlState} 40P01, 40001 or
 * 55P03) {@link #CONTENDED_FAILURES} times, then applies. Every call is counted per event id, outside any transaction.
 */
@ApplicationScoped
public class TroubleHandler implements EventHandler {

    public static final String TOPIC = "trouble.events";
    public static final String SOURCE = "/trouble";
    public static final String TYPE = "portfolio.trouble.Trouble.v1";

    public static volatile boolean databaseDown;
    /** Mode "fails-until-fixed" fails while this is false (a bug fixed, then its dead letters put back). */
    public static volatile boolean fixed;
    /** "contended" fails this many times (lock contention, {@code sqlState}), then applies. */
    public static final int CONTENDED_FAILURES = 8;
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public record Trouble(String mode, String sqlState) {
    }

    @Inject
    EntityManager em;

    public static int calls(String eventId) {
        AtomicInteger n = CALLS.get(eventId);
        return n == null ? 0 : n.get();
    }

    @Override
    public String name() {
        return "trouble-maker";
    }

    @Override
    public Set<String> topics() {
        return Set.of(TOPIC);
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    @Override
    public void handle(IncomingEvent event) {
        CALLS.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        Trouble t = event.data(Trouble.class);
        if ("always-fails".equals(t.mode())) {
            throw new IllegalStateException("this trouble always fails");
        }
        if ("fails-until-fixed".equals(t.mode()) && !fixed) {
            throw new IllegalStateException("this trouble fails until it is fixed");
        }
        if ("contended".equals(t.mode()) && CALLS.get(event.id()).get() <= CONTENDED_FAILURES) {
            throw new PersistenceException("could not execute statement",
                    new SQLException("deadlock detected (simulated)", t.sqlState()));
        }
        if ("broken-connection".equals(t.mode())) {
            throw new PersistenceException("could not execute statement",
                    new SQLException("the connection broke (simulated)", t.sqlState()));
        }
        if ("database".equals(t.mode()) && databaseDown) {
            throw new PersistenceException("could not execute statement",
                    new SQLException("the database is unreachable (simulated)", t.sqlState()));
        }
        em.createNativeQuery("insert into received_thing (event_id, value) values (?1, ?2)")
                .setParameter(1, event.id()).setParameter(2, String.valueOf(t.mode())).executeUpdate();
    }
}
