package org.portfolio.platform.events.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.util.Objects;
import java.util.Set;

/** Applies portfolio.upstream.Thing.v1 events from upstream.events by inserting a row per event. */
@ApplicationScoped
public class ThingHandler implements EventHandler {

    public static final String TOPIC = "upstream.events";
    public static final String TYPE = "portfolio.upstream.Thing.v1";

    /**
     * pauseMs: the handler takes that long; holdAt: it waits at that {@link Gate} until the test opens it (to let the next
     * events queue up behind it whatever the time their publication takes).
     */
    public record Thing(String value, Boolean poison, Long pauseMs, String holdAt) {
    }

    /**
     * Where a test holds the consumer: the handler of an event whose {@code holdAt} names a gate waits there (30 s at
     * most) until the test opens it; the test knows when it is held. A pause of a fixed time was not enough beside the
     * system tests: each publication there may take a second, and the events meant to queue up came after it.
     */
    public static final class Gate {
        private static final java.util.Map<String, java.util.concurrent.CountDownLatch> HELD = new java.util.concurrent.ConcurrentHashMap<>();
        private static final java.util.Map<String, java.util.concurrent.CountDownLatch> OPEN = new java.util.concurrent.ConcurrentHashMap<>();

        private Gate() {
        }

        private static java.util.concurrent.CountDownLatch latch(java.util.Map<String, java.util.concurrent.CountDownLatch> m, String name) {
            return m.computeIfAbsent(name, n -> new java.util.concurrent.CountDownLatch(1));
        }

        /** Waits until the consumer holds an event at the gate; false if it did not within the time given. */
        public static boolean awaitHeld(String name, java.time.Duration within) throws InterruptedException {
            return latch(HELD, name).await(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Lets the held event (and any later one at this gate) go on. */
        public static void open(String name) {
            latch(OPEN, name).countDown();
        }

        static void pass(String name) throws InterruptedException {
            latch(HELD, name).countDown();
            latch(OPEN, name).await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Inject
    EntityManager em;

    @Override
    public String name() {
        return "thing-recorder";
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
        Thing t = event.data(Thing.class);
        if (t.value() == null) {
            throw new PoisonEventException("Thing without value");
        }
        try {
            if (t.pauseMs() != null) {
                Thread.sleep(Math.min(t.pauseMs(), 5_000));
            }
            if (t.holdAt() != null) {
                Gate.pass(t.holdAt());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Objects.equals(t.poison(), Boolean.TRUE)) {
            throw new IllegalStateException("this thing always fails");
        }
        em.createNativeQuery("insert into received_thing (event_id, value) values (?1, ?2)")
                .setParameter(1, event.id()).setParameter(2, t.value()).executeUpdate();
    }
}
