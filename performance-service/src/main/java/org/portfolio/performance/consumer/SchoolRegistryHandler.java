package org.portfolio.performance.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.SchoolStatus;
import org.portfolio.performance.domain.SchoolType;
import org.portfolio.performance.service.SchoolRegistryService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Keeps performance-service's copy of the school registry from contracts-service's events. */
@ApplicationScoped
public class SchoolRegistryHandler implements EventHandler {

    static final String REGISTERED = EventTypes.of("contracts", "SchoolRegistered");
    static final String STATUS_CHANGED = EventTypes.of("contracts", "SchoolStatusChanged");
    /**
     * An edit in the registry (district code, name, type, grades, zone): read as a registration, which never moves a
     * known status (review of 2026-12-05: a changed district code stayed here, so rows naming the new code were
     * refused and a new school given the old code shared it with this one).
     */
    static final String UPDATED = EventTypes.of("contracts", "SchoolUpdated");

    /** The part of SchoolRegistered and SchoolStatusChanged this service reads. */
    record SchoolEvent(UUID schoolId, String districtCode, String name, String type, List<String> grades, String zone,
                       String status) {
    }

    @Inject
    SchoolRegistryService registry;

    @Override
    public String name() {
        return "school-registry";
    }

    @Override
    public Set<String> topics() {
        return Set.of("contracts.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(REGISTERED, UPDATED, STATUS_CHANGED);
    }

    @Override
    public void handle(IncomingEvent event) {
        SchoolEvent e = event.data(SchoolEvent.class);
        if (e.schoolId() == null) {
            throw new PoisonEventException(event.name() + " without schoolId");
        }
        // the registry copy holds only the registry's own values: the API types them as enums
        if (e.type() != null && SchoolType.of(e.type()) == null) {
            throw new PoisonEventException(event.name() + " with a type outside " + Arrays.toString(SchoolType.values()));
        }
        if (e.status() != null && SchoolStatus.of(e.status()) == null) {
            throw new PoisonEventException(event.name() + " with a status outside " + Arrays.toString(SchoolStatus.values()));
        }
        var attributes = new SchoolRegistryService.Attributes(e.districtCode(), e.name(), e.type(), e.grades(), e.zone());
        if (REGISTERED.equals(event.type()) || UPDATED.equals(event.type())) {
            if (e.name() == null || e.type() == null) {
                throw new PoisonEventException(event.name() + " without name or type");
            }
            registry.registered(e.schoolId(), attributes, e.status(), event.id());
        } else {
            if (e.status() == null) {
                throw new PoisonEventException("SchoolStatusChanged without status");
            }
            registry.statusChanged(e.schoolId(), attributes, e.status(), event.id());
        }
    }
}
