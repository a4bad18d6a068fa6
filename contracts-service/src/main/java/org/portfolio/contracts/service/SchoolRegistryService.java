package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Grade;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolType;
import org.portfolio.contracts.events.SchoolRegistered;
import org.portfolio.contracts.repository.OversightBodyRepository;
import org.portfolio.contracts.repository.SchoolRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.Set;
import java.util.UUID;

/** The school registry: registering schools (and, later, the oversight decisions on them). */
@ApplicationScoped
@Transactional
public class SchoolRegistryService {

    public static final ProblemType DUPLICATE_SCHOOL =
            ProblemType.custom("duplicate-school", "A school with this code exists", 409);

    @Inject
    SchoolRepository schools;

    @Inject
    OversightBodyRepository bodies;

    @Inject
    Outbox outbox;

    public School register(String districtCode, String ncesId, String name, SchoolType type, Set<Grade> grades,
                           String address, String zone, UUID oversightBodyId) {
        OversightBody body = bodies.findByIdOptional(oversightBodyId).orElseThrow(() -> ProblemException.unprocessable(
                "Oversight body " + oversightBodyId + " does not exist",
                new FieldError("oversightBodyId", "no such oversight body")));
        schools.findByDistrictCode(districtCode).ifPresent(s -> {
            throw ProblemException.conflict(DUPLICATE_SCHOOL, "District code " + districtCode + " is school " + s.id);
        });
        if (ncesId != null) {
            schools.findByNcesId(ncesId).ifPresent(s -> {
                throw ProblemException.conflict(DUPLICATE_SCHOOL, "NCES id " + ncesId + " is school " + s.id);
            });
        }
        School school = School.register(districtCode, ncesId, name, type, grades, address, zone, body);
        schools.persist(school);
        outbox.publish("School", school.id, SchoolRegistered.NAME, school.id, new SchoolRegistered(
                school.id, school.districtCode, school.ncesId, school.name, school.type.name(),
                school.grades.stream().sorted().map(Grade::label).toList(), school.zone, body.id, school.status.name()));
        return school;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public School get(UUID id) {
        return schools.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("School", id));
    }
}
