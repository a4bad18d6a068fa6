package org.portfolio.platform.events.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.platform.events.kafka.TopicInitializer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Starts one {@link ConsumerWorker} thread per {@link EventHandler} bean at start-up and stops them at shutdown. */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    @Inject
    @Any
    Instance<EventHandler> handlers;

    @Inject
    KafkaClients clients;

    @Inject
    EntityManager em;

    @Inject
    DatabaseProbe database;

    @Inject
    DeadLetters deadLetters;

    @Inject
    TopicInitializer topics;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    private final List<ConsumerWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void onStart(@Observes StartupEvent ev) {
        if (!config.consumer().enabled()) {
            LOG.warn("Event consumers disabled (portfolio.events.consumer.enabled=false)");
            return;
        }
        Set<String> names = new HashSet<>();
        for (EventHandler h : handlers) {
            if (!h.name().matches("[a-z][a-z0-9-]{1,80}")) {
                throw new IllegalStateException("EventHandler name must be kebab-case: " + h.name());
            }
            if (!names.add(h.name())) {
                throw new IllegalStateException("Two EventHandlers are named " + h.name());
            }
            for (String topic : h.topics()) {
                if (EventOrigin.ownerOf(topic) == null) {
                    throw new IllegalStateException("EventHandler " + h.name() + " reads " + topic
                            + ", which is not a service's <service>.events topic: its events could not be checked");
                }
            }
            ConsumerWorker w = new ConsumerWorker(h, clients, em, database, topics, deadLetters, config, registry);
            Thread t = new Thread(w, "consumer-" + h.name());
            t.setDaemon(true);
            workers.add(w);
            threads.add(t);
            t.start();
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        workers.forEach(ConsumerWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
