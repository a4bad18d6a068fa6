package org.portfolio.autonomy.service;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's one clock: "today" (the decision-rights check, effective dates, the term job) and every time it records
 * or publishes (history, causes, received-at times, request steps, catalog versions, the events' times). No other class
 * reads the system clock (ArchitectureTest); tests replace this bean with platform-testing's TestClock.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
