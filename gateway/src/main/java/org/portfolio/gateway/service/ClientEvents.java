package org.portfolio.gateway.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.security.ScopeResolver;
import org.portfolio.gateway.domain.ClientScope;
import org.portfolio.gateway.repository.ApiClientRepository;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;
import org.portfolio.platform.web.security.SchoolScope;
import org.portfolio.platform.events.clients.ClientChanged;
import org.portfolio.platform.events.clients.ClientTopic;
import org.portfolio.platform.events.outbox.Outbox;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Publishes the state of an API client after each committed change ({@code ClientChanged} on
 * {@code gateway.clients}, through the outbox, in the change's own transaction), so that every service refuses the
 * tokens of a disabled or rotated client within moments. Never the secret. A client is published once per version
 * ({@code published_version}); clients whose version was not published yet (those that existed before the gateway
 * published, one changed by an older gateway during an upgrade, and those whose schools changed because schools
 * joined or left a body or zone they name) are published at start and every 2 s.
 */
@ApplicationScoped
public class ClientEvents {

    private static final Logger LOG = Logger.getLogger(ClientEvents.class);

    @Inject
    ApiClientRepository clients;

    @Inject
    Outbox outbox;

    @Inject
    ScopeResolver resolver;

    @Inject
    LostClientTopic lostTopic;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * A ClientChanged must fit one Kafka record (the broker's and producer's default limit is 1 MB): a larger one could
     * never be sent and would hold up every later client change in the outbox, revocations included.
     */
    public static final int MAX_RECORD_BYTES = 900_000;

    public static final ProblemType SCOPE_TOO_LARGE = ProblemType.custom("scope-too-large",
            "The client's school scope is too large to publish", 422);

    /** In the caller's transaction: the client as it is now, unless this version was published already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(ApiClient c) {
        clients.flush(); // the version of this change is assigned when it is written
        ClientChanged payload = payload(c, resolver.resolve(c));
        requirePublishable(c, payload);
        if (clients.markPublished(c.clientId, c.version)) {
            outbox.publish("ApiClient", c.clientId, ClientTopic.EVENT, c.clientId, payload);
        }
    }

    /** 422 scope-too-large when the client as it is now would not fit one event. */
    public void requirePublishable(ApiClient c) {
        requirePublishable(c, payload(c, resolver.resolve(c)));
    }

    private void requirePublishable(ApiClient c, ClientChanged payload) {
        int size = size(payload);
        if (size > MAX_RECORD_BYTES) {
            throw new ProblemException(SCOPE_TOO_LARGE, "The school scope of client " + c.clientId
                    + " resolves to " + payload.schools().size() + " schools (" + size + " bytes published), more than "
                    + "one event can carry (" + MAX_RECORD_BYTES + "): name fewer schools, or use allSchools");
        }
    }

    private int size(ClientChanged payload) {
        try {
            return json.writeValueAsBytes(payload).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void onStart(@Observes StartupEvent e) {
        try {
            publishUnpublished();
        } catch (RuntimeException ex) {
            LOG.warnf("Could not publish the unpublished API clients at start (%s); the scheduled pass tries again"
                    + " (scope-publish-interval, 2 s)", ex.toString());
        }
    }

    /**
     * The clients whose resolved scope changed because schools joined or left a body or zone they name
     * (ClientRegistryService.schoolMembershipChanged leaves them unpublished): published every 2 s, so a client is
     * published once however many of its schools changed in between.
     */
    @Scheduled(every = "${portfolio.gateway.scope-publish-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishScopeChanges() {
        lostTopic.checkOnce();
        try {
            int n = publishPending();
            if (n > 0) {
                LOG.debugf("Published %d API clients whose schools changed", n);
            }
        } catch (RuntimeException ex) {
            LOG.warnf("Could not publish the API clients whose schools changed (%s); trying again", ex.toString());
        }
    }

    /** Publishes every client whose current version has not been; safe with several gateway replicas. */
    public int publishUnpublished() {
        int n = publishPending();
        if (n > 0) {
            LOG.infof("Published the state of %d API clients not published before", n);
        }
        return n;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int publishPending() {
        List<ApiClient> pending = clients.lockUnpublished();
        int published = 0;
        for (ApiClient c : pending) {
            try {
                requirePublishable(c);
            } catch (ProblemException tooLarge) {
                // never hold up the others (a revocation among them): this one stays unpublished and is logged
                LOG.errorf("API client %s cannot be published: %s", c.clientId, tooLarge.getMessage());
                continue;
            }
            changed(c);
            published++;
        }
        return published;
    }

    /** The client as services need it: {@code schools} is the resolved set its tokens' scope reference stands for. */
    static ClientChanged payload(ApiClient c, SchoolScope resolved) {
        ClientScope scope = c.scope();
        return new ClientChanged(c.clientId, c.enabled, c.tokenGeneration, List.copyOf(c.roleSet()),
                List.copyOf(new java.util.TreeSet<>(resolved.schools())), c.version, c.createdAt.truncatedTo(ChronoUnit.MILLIS),
                (c.updatedAt == null ? c.createdAt : c.updatedAt).truncatedTo(ChronoUnit.MILLIS),
                resolved.allSchools(), List.copyOf(scope.oversightBodies()), List.copyOf(scope.zones()));
    }
}
