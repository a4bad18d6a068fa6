package org.portfolio.platform.events.clients;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.platform.web.security.ClientStatus;
import org.portfolio.platform.web.security.SchoolScope;
import org.portfolio.platform.web.security.SchoolScopes;

import java.time.Duration;
import java.util.Optional;

/**
 * Every API client the gateway registered, as its {@code gateway.clients} topic tells (one
 * {@code ClientChanged} per change): enabled or not, its token generation, roles and school scope. platform-web asks it
 * (as the {@link ClientStatus}) about every verified token, so a service refuses the tokens of a disabled or
 * rotated client within moments of the change, even when called directly rather than through the gateway.
 *
 * <p>Start-up waits up to {@code portfolio.events.client-directory.startup-wait} for the directory to catch up;
 * until it has, readiness is DOWN and token-authenticated requests are answered 503. After that it keeps the last
 * known state while the broker is away. Not the event consumers' path: no consumer group, no inbox, no DLQ.
 */
@ApplicationScoped
public class ClientDirectory implements ClientStatus, SchoolScopes {

    private static final Logger LOG = Logger.getLogger(ClientDirectory.class);

    @Inject
    EventsConfig config;

    @Inject
    KafkaClients kafka;

    @Inject
    MeterRegistry registry;

    private final ClientEntries entries = new ClientEntries();
    private volatile boolean enabled = true;
    private volatile ClientTopicFollower follower;
    private Thread thread;

    @PostConstruct
    void init() {
        enabled = config.clientDirectory().enabled();
    }

    void onStart(@Observes StartupEvent ev) throws InterruptedException {
        EventsConfig.ClientDirectory cfg = config.clientDirectory();
        if (!enabled) {
            LOG.info("Client directory off (portfolio.events.client-directory.enabled=false): tokens are checked for signature and expiry only");
            return;
        }
        ClientTopicFollower f = new ClientTopicFollower(kafka::admin,
                () -> kafka.newAssignedConsumer(config.service() + "-client-directory"),
                cfg.topic(), config.partitions(), config.replicationFactor(), entries);
        Gauge.builder("portfolio.client.directory.clients", entries, ClientEntries::size).register(registry);
        Gauge.builder("portfolio.client.directory.ignored", f, ClientTopicFollower::ignored).register(registry);
        Gauge.builder("portfolio.client.directory.caught.up", f, x -> x.isCaughtUp() ? 1 : 0).register(registry);
        follower = f;
        thread = new Thread(f, "client-directory");
        thread.setDaemon(true);
        thread.start();
        Duration wait = cfg.startupWait();
        if (!f.awaitCaughtUp(wait)) {
            LOG.warnf("Client directory has not caught up with %s within %s; starting anyway, readiness DOWN and "
                    + "token-authenticated requests answered 503 until it has", cfg.topic(), wait);
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        ClientTopicFollower f = follower;
        if (f != null) {
            f.stop();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The directory has read every client change published before this service started reading (or is off). */
    @Override
    public boolean ready() {
        if (!enabled) {
            return true;
        }
        ClientTopicFollower f = follower;
        return f != null && f.isCaughtUp();
    }

    @Override
    public Optional<String> revokedBecause(String clientId, int generation) {
        Optional<ClientEntry> e = entries.find(clientId);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        if (!e.get().enabled()) {
            return Optional.of("the client is disabled");
        }
        if (generation < e.get().tokenGeneration()) {
            return Optional.of("the token was revoked (the client's secret or roles changed)");
        }
        return Optional.empty();
    }

    /** The schools a client acts for now (its tokens name this scope by reference); empty when not heard of. */
    @Override
    public Optional<SchoolScope> scopeOf(String clientId) {
        if (!enabled) {
            return Optional.empty();
        }
        return entries.find(clientId).map(ClientEntry::scope);
    }

    /** As {@link #scopeOf}, waiting up to {@code max} for a client not heard of yet (none while catching up). */
    @Override
    public Optional<SchoolScope> awaitScopeOf(String clientId, Duration max) {
        if (!enabled) {
            return Optional.empty();
        }
        return (ready() ? entries.await(clientId, max) : entries.find(clientId)).map(ClientEntry::scope);
    }

    /** The latest known state of a client; empty when this service has not heard of it. */
    public Optional<ClientEntry> find(String clientId) {
        return entries.find(clientId);
    }

    public int size() {
        return entries.size();
    }
}
