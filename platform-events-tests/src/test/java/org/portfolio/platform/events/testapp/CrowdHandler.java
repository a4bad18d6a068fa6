package org.portfolio.platform.events.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Applies portfolio.crowd.Visit.v1 events from crowd.events by inserting a row per event with the id of the
 * transaction that applied it; a handler that lets events of different schools share a transaction
 * ({@link #batchesAcrossKeys()}). Every {@link #beforeBatch} call is recorded (the event ids, in the order given).
 */
@ApplicationScoped
public class CrowdHandler implements EventHandler {

    public static final String TOPIC = "crowd.events";
    public static final String SOURCE = "/crowd";
    public static final String TYPE = "portfolio.crowd.Visit.v1";

    public static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

    /** pauseMs: the handler takes that long (to let the next events queue up behind it); poison: it always fails. */
    public record Visit(String value, Boolean poison, Long pauseMs) {
    }

    @Inject
    EntityManager em;

    @Override
    public String name() {
        return "crowd-recorder";
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
    public boolean batchesAcrossKeys() {
        return true;
    }

    @Override
    public void beforeBatch(List<IncomingEvent> events) {
        BATCHES.add(events.stream().map(IncomingEvent::id).toList());
    }

    @Override
    public void handle(IncomingEvent event) {
        Visit v = event.data(Visit.class);
        if (v.pauseMs() != null) {
            try {
                Thread.sleep(Math.min(v.pauseMs(), 5_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Objects.equals(v.poison(), Boolean.TRUE)) {
            throw new IllegalStateException("this visit always fails");
        }
        em.createNativeQuery("insert into crowd_visit (event_id, school, value) values (?1, ?2, ?3)")
                .setParameter(1, event.id()).setParameter(2, event.subject()).setParameter(3, v.value()).executeUpdate();
    }
}
