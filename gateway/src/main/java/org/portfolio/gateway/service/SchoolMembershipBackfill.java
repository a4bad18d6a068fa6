package org.portfolio.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.portfolio.gateway.config.GatewayConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Fills the gateway's copy of each school's oversight body and zone from contracts-service's public school directory
 * ({@code GET /api/schools}) once after start. The school events alone cannot: a gateway that starts reading
 * {@code contracts.events} later than the topic's retention (an upgrade, a new database) would never see the schools
 * registered before. Only schools the copy does not know yet are filled: the events stay the authority on changes, so
 * an older directory page never takes a later move back. Retries ({@link #delayAfter}) until one whole pass succeeds.
 */
@ApplicationScoped
public class SchoolMembershipBackfill {

    private static final Logger LOG = Logger.getLogger(SchoolMembershipBackfill.class);
    private static final int PAGE = 200;

    @Inject
    GatewayConfig config;

    @Inject
    ClientRegistryService registry;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "portfolio.gateway.school-membership.backfill", defaultValue = "true")
    boolean enabled;

    private volatile boolean stopping;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void onStart(@Observes StartupEvent e) {
        URI contracts = config.services().get("contracts");
        if (!enabled || contracts == null) {
            return;
        }
        Thread t = new Thread(() -> runUntilDone(contracts), "school-membership-backfill");
        t.setDaemon(true);
        t.start();
    }

    void onStop(@Observes ShutdownEvent e) {
        stopping = true;
    }

    private void runUntilDone(URI contracts) {
        long waited = 0;
        for (int attempt = 1; !stopping; attempt++) {
            try {
                int filled = pass(contracts);
                LOG.infof("School membership backfilled from contracts-service's directory: %d schools the events had not told", filled);
                return;
            } catch (Exception ex) {
                long delay = delayAfter(attempt);
                if (quietWhile(waited)) {
                    LOG.infof("contracts-service's school directory not readable yet (%s); trying again in %d s", ex.toString(), delay);
                } else {
                    LOG.warnf("Could not read contracts-service's school directory (%s); trying again in %d s", ex.toString(), delay);
                }
                waited += delay;
                try {
                    Thread.sleep(delay * 1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Seconds to wait after the given failed attempt: 1, 2, 4, 8, 16, then every 30. The suite starts its services
     * together, so the gateway usually asks before contracts-service answers; the first tries come soon after.
     */
    static long delayAfter(int attempt) {
        return attempt >= 6 ? 30 : 1L << (attempt - 1);
    }

    /**
     * A failure is only INFO while the backfill has waited less than a minute (contracts-service still starting, as at
     * every {@code ./portfolio up}); a WARN after that (twentieth pass: a healthy start logged a WARN).
     */
    static boolean quietWhile(long waitedSeconds) {
        return waitedSeconds < 60;
    }

    /** One pass over the directory; the number of schools filled in. */
    int pass(URI contracts) throws Exception {
        int filled = 0;
        for (int page = 0; !stopping; page++) {
            URI uri = contracts.resolve("/api/schools?page=" + page + "&size=" + PAGE);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + r.statusCode());
            }
            JsonNode items = json.readTree(r.body()).path("items");
            if (!items.isArray()) {
                throw new IllegalStateException("GET " + uri + " is not a page of schools");
            }
            for (JsonNode s : items) {
                UUID id = uuid(s.path("id").asText(null));
                if (id == null) {
                    continue;
                }
                UUID body = uuid(s.path("oversightBodyId").asText(null));
                String zone = s.hasNonNull("zone") ? s.get("zone").asText() : null;
                if (QuarkusTransaction.requiringNew().call(() -> registry.schoolMembershipBackfilled(id, body, zone))) {
                    filled++;
                }
            }
            if (items.size() < PAGE) {
                return filled;
            }
        }
        return filled;
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
