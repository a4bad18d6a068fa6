package org.portfolio.enrollment.consumer;

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

/**
 * Learns the schools, whether they are open and whether they are under REVOCATION from contracts-service's events.
 */
@ApplicationScoped
public class SchoolDirectoryHandler implements EventHandler {

    static final String REGISTERED = EventTypes.of("contracts", "SchoolRegistered");
    static final String STATUS_CHANGED = EventTypes.of("contracts", "SchoolStatusChanged");
    /** An edit of a school's name, code, type, grades or zone (contracts' PUT /api/schools/{id}). */
    static final String UPDATED = EventTypes.of("contracts", "SchoolUpdated");
    static final String INTERVENTION = EventTypes.of("contracts", "InterventionEscalated");
    static final Set<String> LEVELS = Set.of("NONE", "NOTICE_OF_CONCERN", "CORRECTIVE_ACTION_PLAN", "PROBATION", "REVOCATION");

    /** The part of SchoolRegistered enrollment needs. */
    record Registered(UUID schoolId, String districtCode, String name, String type, List<String> grades, String zone,
                      String status) {
    }

    /** The part of SchoolStatusChanged enrollment needs. */
    record StatusChanged(UUID schoolId, String status, String districtCode, String name, String type, List<String> grades,
                         String zone) {
    }

    /** The part of InterventionEscalated enrollment needs. */
    record Intervention(UUID schoolId, UUID contractId, String level) {
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
        return Set.of(REGISTERED, UPDATED, STATUS_CHANGED, INTERVENTION);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (REGISTERED.equals(event.type()) || UPDATED.equals(event.type())) {
            // an update carries the whole school as a registration does, and like it never moves a known status
            Registered r = event.data(Registered.class);
            if (r.schoolId() == null || r.name() == null || r.districtCode() == null || r.type() == null) {
                throw new PoisonEventException(event.type() + " without schoolId, name, districtCode or type");
            }
            directory.registered(r.schoolId(), r.districtCode(), r.name(), r.type(), r.grades(), r.zone(), r.status(),
                    event.id());
        } else if (STATUS_CHANGED.equals(event.type())) {
            StatusChanged c = event.data(StatusChanged.class);
            if (c.schoolId() == null || c.status() == null) {
                throw new PoisonEventException("SchoolStatusChanged without schoolId or status");
            }
            if (!directory.statusChanged(c.schoolId(), c.status(), c.districtCode(), c.name(), c.type(), c.grades(), c.zone(),
                    event.id())) {
                throw new PoisonEventException("SchoolStatusChanged for unknown school " + c.schoolId()
                        + " without the school's districtCode, name and type");
            }
        } else {
            Intervention i = event.data(Intervention.class);
            if (i.schoolId() == null || i.level() == null || !LEVELS.contains(i.level())) {
                throw new PoisonEventException("InterventionEscalated without schoolId or with an unknown level " + i.level());
            }
            directory.interventionChanged(i.schoolId(), i.contractId(), i.level(), event.id());
        }
    }
}
