package org.portfolio.enrollment.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.enrollment.service.SchoolDirectoryService;
import org.portfolio.platform.events.EventTypes;
import org.portfolio.platform.events.consumer.EventHandler;
import org.portfolio.platform.events.consumer.IncomingEvent;
import org.portfolio.platform.events.consumer.PoisonEventException;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Learns the schools (and whether they are open) from contracts-service's registry events. */
@ApplicationScoped
public class SchoolDirectoryHandler implements EventHandler {

    static final String REGISTERED = EventTypes.of("contracts", "SchoolRegistered");
    static final String STATUS_CHANGED = EventTypes.of("contracts", "SchoolStatusChanged");

    /** The part of SchoolRegistered enrollment needs. */
    record Registered(UUID schoolId, String districtCode, String name, String type, List<String> grades, String zone,
                      String status) {
    }

    /** The part of SchoolStatusChanged enrollment needs. */
    record StatusChanged(UUID schoolId, String status) {
    }

    @Inject
    SchoolDirectoryService directory;

    @Override
    public String name() {
        return "school-directory";
    }

    @Override
    public Set<String> topics() {
        return Set.of("contracts.events");
    }

    @Override
    public Set<String> types() {
        return Set.of(REGISTERED, STATUS_CHANGED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (REGISTERED.equals(event.type())) {
            Registered r = event.data(Registered.class);
            if (r.schoolId() == null || r.name() == null || r.districtCode() == null || r.type() == null) {
                throw new PoisonEventException("SchoolRegistered without schoolId, name, districtCode or type");
            }
            directory.registered(r.schoolId(), r.districtCode(), r.name(), r.type(), r.grades(), r.zone(), r.status(),
                    event.id());
        } else {
            StatusChanged c = event.data(StatusChanged.class);
            if (c.schoolId() == null || c.status() == null) {
                throw new PoisonEventException("SchoolStatusChanged without schoolId or status");
            }
            if (!directory.statusChanged(c.schoolId(), c.status(), event.id())) {
                // events of one school are ordered by key, so its registration cannot still be on the way
                throw new PoisonEventException("SchoolStatusChanged for unknown school " + c.schoolId());
            }
        }
    }
}
