package org.portfolio.gateway.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.gateway.service.ClientRegistryService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.util.Set;
import java.util.UUID;

/**
 * Keeps the gateway's copy of each school's oversight body and zone from contracts-service's events, so that a
 * client scoped to an oversight body or a zone acts for the schools it has now: when a school joins or leaves one,
 * every client naming it is published again with its new resolved scope (no token is revoked).
 */
@ApplicationScoped
public class SchoolMembershipHandler implements EventHandler {

    static final String REGISTERED = EventTypes.of("contracts", "SchoolRegistered");
    static final String UPDATED = EventTypes.of("contracts", "SchoolUpdated");

    /** The part of SchoolRegistered and SchoolUpdated the gateway reads. */
    record SchoolEvent(UUID schoolId, UUID oversightBodyId, String zone) {
    }

    @Inject
    ClientRegistryService registry;

    @Override
    public String name() {
        return "school-membership";
    }

    @Override
    public Set<String> topics() {
        return Set.of("contracts.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(REGISTERED, UPDATED);
    }

    @Override
    public void handle(IncomingEvent event) {
        SchoolEvent e = event.data(SchoolEvent.class);
        if (e.schoolId() == null) {
            throw new PoisonEventException(event.name() + " without schoolId");
        }
        if (e.zone() != null && e.zone().length() > 200) {
            throw new PoisonEventException(event.name() + " with a zone longer than 200 characters");
        }
        registry.schoolMembershipChanged(e.schoolId(), e.oversightBodyId(), e.zone());
    }
}
