package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.School;
import org.portfolio.performance.repository.SchoolRepository;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Performance-service's copy of the school registry, kept from SchoolRegistered and SchoolStatusChanged. Events of
 * one school arrive in order, but a status change may be the first we hear of a school (e.g. a consumer that
 * started after the registration was purged): it carries the school's attributes, so it creates the school too.
 */
@ApplicationScoped
@Transactional
public class SchoolRegistryService {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    SchoolRepository schools;

    public record Attributes(String districtCode, String name, String type, List<String> grades, String zone) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void registered(UUID id, Attributes a, String status, String eventId) {
        School s = schools.findByIdOptional(id).orElse(null);
        boolean known = s != null;
        if (!known) {
            s = new School();
            s.id = id;
            s.status = status == null ? "PROPOSED" : status;
        }
        apply(s, a);
        s.updatedAt = clock.instant();
        s.lastEventId = eventId;
        if (!known) {
            schools.persist(s);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(UUID id, Attributes a, String status, String eventId) {
        School s = schools.findByIdOptional(id).orElse(null);
        boolean known = s != null;
        if (!known) {
            s = new School();
            s.id = id;
        }
        apply(s, a);
        s.status = status;
        s.updatedAt = clock.instant();
        s.lastEventId = eventId;
        if (!known) {
            schools.persist(s);
        }
    }

    private static void apply(School s, Attributes a) {
        if (a.districtCode() != null) {
            s.districtCode = a.districtCode();
        }
        if (a.name() != null) {
            s.name = a.name();
        } else if (s.name == null) {
            s.name = "School " + s.id;
        }
        if (a.type() != null) {
            s.type = a.type();
        } else if (s.type == null) {
            s.type = "UNKNOWN";
        }
        if (a.grades() != null) {
            s.grades = String.join(",", a.grades());
        }
        if (a.zone() != null) {
            s.zone = a.zone();
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<School> list() {
        return schools.listByName();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public School get(UUID id) {
        return schools.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("School", id));
    }
}
