package org.portfolio.platform.events.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;

import java.util.Map;
import java.util.Set;

/**
 * Reads the topics of two services, as the change feed and contracts' evidence do: applies portfolio.left.Pair.v1 from
 * left.events and portfolio.right.Pair.v1 from right.events by inserting a row per event with its source.
 */
@ApplicationScoped
public class TwoOwnersHandler implements EventHandler {

    public static final String LEFT_TOPIC = "left.events";
    public static final String LEFT_TYPE = "portfolio.left.Pair.v1";
    public static final String RIGHT_TOPIC = "right.events";
    public static final String RIGHT_TYPE = "portfolio.right.Pair.v1";

    @Inject
    EntityManager em;

    @Override
    public String name() {
        return "two-owners-recorder";
    }

    @Override
    public Set<String> topics() {
        return Set.of(LEFT_TOPIC, RIGHT_TOPIC);
    }

    @Override
    public Set<String> types() {
        return Set.of(LEFT_TYPE, RIGHT_TYPE);
    }

    @Override
    public void handle(IncomingEvent event) {
        em.createNativeQuery("insert into received_pair (source, event_id, value) values (?1, ?2, ?3)")
                .setParameter(1, String.valueOf(event.source())).setParameter(2, event.id())
                .setParameter(3, String.valueOf(event.data(Map.class).get("value"))).executeUpdate();
    }
}
