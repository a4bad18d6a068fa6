package org.portfolio.gateway.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.platform.web.security.SchoolScope;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which clients are disabled, which token generation each one is at and which schools each acts for, in memory, so that the gateway's hot
 * path rejects revoked tokens without a database query. This replica's own changes apply at once (after their
 * transaction commits); the other replicas' changes within {@code portfolio.gateway.client-status.refresh-interval}.
 */
@ApplicationScoped
public class ClientStatusCache {

    private static final Logger LOG = Logger.getLogger(ClientStatusCache.class);

    record Status(boolean enabled, int generation, long version, SchoolScope scope) {
    }

    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    @Inject
    ApiClientRepository clients;

    @Inject
    ScopeResolver resolver;

    void onStart(@Observes StartupEvent e) {
        refresh();
    }

    @Scheduled(every = "${portfolio.gateway.client-status.refresh-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refresh() {
        try {
            for (Object[] row : clients.statuses()) {
                String id = (String) row[0];
                long version = ((Number) row[3]).longValue();
                Status known = statuses.get(id);
                if (known != null && known.version() >= version) {
                    continue;
                }
                clients.findByIdOptional(id).ifPresent(c -> remember(c, resolver.resolve(c)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh the API client status (%s); keeping the last known one", e.toString());
        }
    }

    /** Called once a change of this client is committed, with the schools its scope stands for now. */
    public void remember(ApiClient c, SchoolScope scope) {
        remember(c.clientId, new Status(c.enabled, c.tokenGeneration, c.version, scope));
    }

    /** The schools the client's tokens act for now (they name the scope by reference); empty when unknown. */
    public java.util.Optional<SchoolScope> scopeOf(String clientId) {
        Status s = statuses.get(clientId);
        return s == null ? java.util.Optional.empty() : java.util.Optional.of(s.scope());
    }

    private void remember(String clientId, Status s) {
        statuses.merge(clientId, s, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    /** Null when a token of this client and generation is still good, else why not. */
    public String revokedBecause(String clientId, int generation) {
        Status s = statuses.get(clientId);
        if (s == null) {
            return null;
        }
        if (!s.enabled()) {
            return "the client is disabled";
        }
        if (generation < s.generation()) {
            return "the token was revoked (the client's secret or roles changed)";
        }
        return null;
    }
}
