package org.portfolio.gateway.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.platform.web.security.IngestOnlyClients;

/**
 * On start, creates the bootstrap DISTRICT_ADMIN client from configuration
 * ({@code portfolio.gateway.bootstrap.client-id} / {@code client-secret}) when no client of that id exists. An
 * existing client is never touched, so rotating or disabling it through the admin API sticks. Likewise edfi-service's
 * own client ({@code svc_edfi}, platform-web's {@code IngestOnlyClients.EDFI_SERVICE_CLIENT}; {@code edfi-client-secret}: role SIS, every school).
 */
@ApplicationScoped
public class BootstrapClient {

    private static final Logger LOG = Logger.getLogger(BootstrapClient.class);

    @Inject
    GatewayConfig config;

    @Inject
    ClientRegistryService registry;

    void onStart(@Observes StartupEvent e) {
        GatewayConfig.Bootstrap b = config.bootstrap();
        if (b.edfiClientSecret().isPresent() && ensureEdfiClient(b)) {
            LOG.infof("Created edfi-service's SIS client %s (every school)", IngestOnlyClients.EDFI_SERVICE_CLIENT);
        }
        if (b.clientId().isEmpty() || b.clientSecret().isEmpty()) {
            return;
        }
        if (registry.ensureBootstrapClient(b.clientId().get(), b.clientSecret().get(), b.name())) {
            LOG.infof("Created the bootstrap DISTRICT_ADMIN client %s", b.clientId().get());
        }
    }

    /**
     * Two gateway replicas starting at once may both create or adopt: the loser's transaction fails (a duplicate key or a
     * stale version); once more, it finds the winner's client (and the secret adopted) and leaves it (review of edfi5, L4).
     */
    private boolean ensureEdfiClient(GatewayConfig.Bootstrap b) {
        String name = "edfi-service (records derived from Ed-Fi writes)";
        try {
            return registry.ensureServiceClient(IngestOnlyClients.EDFI_SERVICE_CLIENT, b.edfiClientSecret().get(), name,
                    b.edfiClientAdoptSecret());
        } catch (RuntimeException race) {
            LOG.infof("edfi-service's client changed under this start (%s, another gateway instance): looking again",
                    race.getClass().getSimpleName());
            return registry.ensureServiceClient(IngestOnlyClients.EDFI_SERVICE_CLIENT, b.edfiClientSecret().get(), name,
                    b.edfiClientAdoptSecret());
        }
    }
}
