package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.domain.SchoolIntervention;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.SchoolInterventionRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps enrollment's list of schools in step with the registry's events. A school takes part while it is OPEN and
 * its intervention level is not REVOCATION; each fact is kept as it arrives, so the order of arrival does not matter.
 */
@ApplicationScoped
@Transactional
public class SchoolDirectoryService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(SchoolDirectoryService.class);

    @Inject
    ParticipatingSchoolRepository schools;
    @Inject
    SchoolInterventionRepository interventions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(UUID schoolId, String districtCode, String name, String type, List<String> grades, String zone,
                           String status, String eventId) {
        ParticipatingSchool existing = schools.findByIdOptional(schoolId).orElse(null);
        ParticipatingSchool s = existing != null ? existing : new ParticipatingSchool();
        s.schoolId = schoolId;
        s.districtCode = districtCode;
        s.name = name;
        s.type = type;
        s.grades = String.join(",", grades == null ? List.of() : grades);
        s.zone = zone;
        if (existing == null) {
            // a registration never moves a known school's status back (it may arrive again after a decision)
            s.status = status == null ? "PROPOSED" : status;
        }
        s.underRevocation = interventions.findByIdOptional(schoolId).map(i -> SchoolIntervention.REVOCATION.equals(i.level)).orElse(false);
        s.updatedAt = clock.instant();
        s.lastEventId = eventId;
        if (existing == null) {
            schools.persist(s);
        }
    }

    /**
     * A status decision. Carries the school's identity too, so an unknown school is created from it.
     *
     * @return false when the school is unknown and the event does not say enough to create it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean statusChanged(UUID schoolId, String status, String districtCode, String name, String type,
                                 List<String> grades, String zone, String eventId) {
        Optional<ParticipatingSchool> known = schools.findByIdOptional(schoolId);
        if (known.isEmpty()) {
            if (districtCode == null || name == null || type == null) {
                return false;
            }
            registered(schoolId, districtCode, name, type, grades, zone, status, eventId);
            return true;
        }
        ParticipatingSchool s = known.get();
        s.status = status;
        if (name != null) {
            s.name = name;
        }
        if (grades != null && !grades.isEmpty()) {
            s.grades = String.join(",", grades);
        }
        if (zone != null) {
            s.zone = zone;
        }
        s.updatedAt = clock.instant();
        s.lastEventId = eventId;
        return true;
    }

    /** The school's intervention level changed: REVOCATION takes it out of enrollment, any lower level brings it back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void interventionChanged(UUID schoolId, UUID contractId, String level, String eventId) {
        SchoolIntervention i = interventions.findByIdOptional(schoolId).orElse(null);
        if (i == null) {
            i = new SchoolIntervention();
            i.schoolId = schoolId;
            i.level = level;
            i.contractId = contractId;
            i.updatedAt = clock.instant();
            i.lastEventId = eventId;
            interventions.persist(i);
        } else {
            i.level = level;
            i.contractId = contractId;
            i.updatedAt = clock.instant();
            i.lastEventId = eventId;
        }
        boolean revoked = SchoolIntervention.REVOCATION.equals(level);
        schools.findByIdOptional(schoolId).ifPresent(s -> {
            if (s.underRevocation != revoked) {
                LOG.infof("School %s %s enrollment (intervention level %s)", schoolId, revoked ? "leaves" : "rejoins", level);
            }
            s.underRevocation = revoked;
            s.updatedAt = clock.instant();
            s.lastEventId = eventId;
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ParticipatingSchool> list() {
        return schools.listByName();
    }
}
