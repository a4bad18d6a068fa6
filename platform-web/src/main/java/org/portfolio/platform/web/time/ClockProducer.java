package org.portfolio.platform.web.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of a service (UTC): every "today", due date, received-at time and event time a service records comes
 * from the {@link Clock} bean, never from the system clock directly (the ArchitectureTest of every service and the
 * gateway checks it, platform-testing's ArchitectureRules.everyTimeComesFromTheInjectedClock, calls and method references
 * alike, and the platform code that runs in the services too; the outbox's event time comes from this clock as well).
 * What reads the system clock on purpose says so with {@link SystemClockOnPurpose}: the database's own now() and the
 * token checks — jose4j's in the gateway's signature check, smallrye-jwt's and the verified-token cache's in the
 * services — so a test that moves a service's clock does not move a token's validity; the outbox relay's sent times
 * and retention; a dead letter's time. Tests
 * replace this default bean with platform-testing's {@code TestClock} (a service's {@code TestClockBean}).
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    @SystemClockOnPurpose("the one source of the services' clock")
    Clock clock() {
        return Clock.systemUTC();
    }
}
