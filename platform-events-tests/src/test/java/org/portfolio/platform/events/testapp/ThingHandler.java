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

    /** pauseMs: the handler takes that long (to let the next events queue up behind it). */
    public record Thing(String value, Boolean poison, Long pauseMs) {
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
        if (t.pauseMs() != null) {
            try {
                Thread.sleep(Math.min(t.pauseMs(), 5_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Objects.equals(t.poison(), Boolean.TRUE)) {
            throw new IllegalStateException("this thing always fails");
        }
        em.createNativeQuery("insert into received_thing (event_id, value) values (?1, ?2)")
                .setParameter(1, event.id()).setParameter(2, t.value()).executeUpdate();
    }
}
