package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps enrollment's list of schools in step with the registry's events. */
@ApplicationScoped
@Transactional
public class SchoolDirectoryService {

    @Inject
    ParticipatingSchoolRepository schools;

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
        s.status = status == null ? "PROPOSED" : status;
        s.updatedAt = Instant.now();
        s.lastEventId = eventId;
        if (existing == null) {
            schools.persist(s);
        }
    }

    /** @return false when the school is unknown here (its registration has not arrived) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean statusChanged(UUID schoolId, String status, String eventId) {
        return schools.findByIdOptional(schoolId).map(s -> {
            s.status = status;
            s.updatedAt = Instant.now();
            s.lastEventId = eventId;
            return true;
        }).orElse(false);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ParticipatingSchool> list() {
        return schools.listByName();
    }
}
