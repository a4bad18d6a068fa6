package org.portfolio.contracts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Evidence;
import org.portfolio.platform.web.vocabulary.Grade;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolStatusDecision;
import org.portfolio.contracts.domain.SchoolType;
import org.portfolio.contracts.domain.StatusDecisionKind;
import org.portfolio.contracts.events.SchoolRegistered;
import org.portfolio.contracts.events.SchoolStatusChanged;
import org.portfolio.contracts.events.SchoolUpdated;
import org.portfolio.contracts.repository.OversightBodyRepository;
import org.portfolio.contracts.repository.SchoolRepository;
import org.portfolio.contracts.repository.StatusDecisionRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The school registry: registering schools, their details, and the oversight decisions on them with evidence. */
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
    StatusDecisionRepository decisions;

    @Inject
    EvidenceService evidence;

    @Inject
    ContractEnding contracts;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    @Inject
    ObjectMapper json;

    /** A school's details as registered or updated. */
    public record Details(String districtCode, String ncesId, String name, SchoolType type, Set<Grade> grades,
                          String address, String zone, UUID oversightBodyId) {
    }

    public School register(Details d, String actor) {
        OversightBody body = body(d.oversightBodyId());
        checkUnique(d, null);
        School school = School.register(d.districtCode(), d.ncesId(), d.name(), d.type(), d.grades(), d.address(),
                d.zone(), body, calendar.now());
        schools.persist(school);
        outbox.publish("School", school.id, SchoolRegistered.NAME, school.id, new SchoolRegistered(
                school.id, school.districtCode, school.ncesId, school.name, school.type.name(),
                school.grades.stream().sorted().map(Grade::label).toList(), school.zone, body.id, school.status.name()));
        history.record(new HistoryService.Entry(school.id, null, HistoryKind.SCHOOL_REGISTERED,
                "Registered as " + school.status + " (" + school.type + ", " + school.districtCode + ")", actor, null,
                null, school.id, null));
        return school;
    }

    /** Updates the details; publishes SchoolUpdated when anything changed. */
    public School update(UUID id, String ifMatch, Details d, String actor) {
        // locked before If-Match is checked: of two updates sent with the same ETag, the later is a 412 (twentieth pass)
        School s = schools.lock(id).orElseThrow(() -> ProblemException.notFound("School", id));
        EntityTags.checkIfMatch(ifMatch, s.version);
        OversightBody body = body(d.oversightBodyId());
        checkUnique(d, id);
        List<String> changed = new ArrayList<>();
        diff(changed, "districtCode", s.districtCode, d.districtCode());
        diff(changed, "ncesId", s.ncesId, d.ncesId());
        diff(changed, "name", s.name, d.name());
        diff(changed, "type", s.type, d.type());
        diff(changed, "grades", s.grades, d.grades().isEmpty() ? EnumSet.noneOf(Grade.class) : EnumSet.copyOf(d.grades()));
        diff(changed, "address", s.address, d.address());
        diff(changed, "zone", s.zone, d.zone());
        diff(changed, "oversightBodyId", s.oversightBody.id, body.id);
        if (changed.isEmpty()) {
            return s;
        }
        s.update(d.districtCode(), d.ncesId(), d.name(), d.type(), d.grades(), d.address(), d.zone(), body, calendar.now());
        schools.flush();
        outbox.publish("School", s.id, SchoolUpdated.NAME, s.id, SchoolUpdated.of(s));
        history.record(new HistoryService.Entry(s.id, null, HistoryKind.SCHOOL_UPDATED,
                "Details changed: " + String.join(", ", changed), actor, null, null, s.id, null));
        return s;
    }

    /**
     * Records an oversight decision with the evidence at hand; a status change publishes SchoolStatusChanged.
     * Closing a school terminates its ACTIVE contract.
     */
    public SchoolStatusDecision decide(UUID id, String ifMatch, StatusDecisionKind kind, String reason,
                                       LocalDate effectiveDate, String actor) {
        // locked, as an activation locks it: a CLOSE never misses a contract being activated
        School s = schools.lock(id).orElseThrow(() -> ProblemException.notFound("School", id));
        EntityTags.checkIfMatch(ifMatch, s.version);
        if (!kind.allowedFrom(s.status)) {
            throw ProblemException.conflict(ContractProblems.SCHOOL_STATUS_CONFLICT, "School " + id + " is " + s.status
                    + "; " + kind + " is decided on a school that is " + kind.allowedFrom().stream().map(Enum::name)
                    .collect(Collectors.joining(" or ")));
        }
        LocalDate today = calendar.today();
        LocalDate date = effectiveDate != null ? effectiveDate : today;
        if (kind == StatusDecisionKind.CLOSE && date.isAfter(today)) {
            throw ProblemException.unprocessable("A school closes now; to close it on " + date + ", decide BEGIN_CLOSURE "
                    + "now and CLOSE on that date", new FieldError("effectiveDate", "must not be in the future for CLOSE"));
        }
        Evidence ev = evidence.snapshot(id);
        SchoolStatusDecision d = new SchoolStatusDecision();
        d.id = UUID.randomUUID();
        d.schoolId = id;
        d.decision = kind;
        d.previousStatus = s.status;
        d.status = kind.leadsTo();
        d.reason = reason;
        d.decidedBy = actor;
        d.effectiveDate = date;
        d.evidence = toJson(ev);
        d.decidedAt = calendar.now();
        decisions.persist(d);
        s.changeStatus(kind.leadsTo(), d.decidedAt);
        schools.flush();
        if (d.status != d.previousStatus) {
            outbox.publish("School", s.id, SchoolStatusChanged.NAME, s.id, SchoolStatusChanged.of(s, d));
        }
        history.record(new HistoryService.Entry(s.id, null, HistoryKind.STATUS_DECISION,
                kind + ": " + d.previousStatus + (d.status == d.previousStatus ? " (unchanged)" : " → " + d.status),
                actor, reason, date, d.id, HistoryService.cause("decisionId", d.id,
                        "latestRatingTier", ev.latestRating() == null ? null : ev.latestRating().tier(),
                        "latestRatingYear", ev.latestRating() == null ? null : ev.latestRating().schoolYear())));
        if (kind == StatusDecisionKind.CLOSE) {
            // at most 2,000 characters, as ContractEnded's reason is declared (the decision's own reason may be 2,000)
            String ended = "School closed: " + reason;
            contracts.terminateForClosure(s.id, org.portfolio.platform.web.text.Texts.cut(ended, 2000), date, actor);
        }
        return d;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public School get(UUID id) {
        return schools.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("School", id));
    }

    /** Filters of the school directory; null means "any". {@code text} matches name or district code. */
    public record Filter(SchoolStatus status, SchoolType type, UUID oversightBodyId, String zone, String text) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public org.portfolio.platform.web.http.Page<School> list(Filter f, int page, int size) {
        var q = schools.list(new SchoolRepository.Filter(f.status(), f.type(), f.oversightBodyId(), f.zone(), f.text()));
        return new org.portfolio.platform.web.http.Page<>(q.page(Page.of(page, size)).list(), page, size, q.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public org.portfolio.platform.web.http.Page<SchoolStatusDecision> decisions(UUID schoolId, int page, int size) {
        get(schoolId);
        var q = decisions.forSchool(schoolId);
        return new org.portfolio.platform.web.http.Page<>(q.page(Page.of(page, size)).list(), page, size, q.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public SchoolStatusDecision decision(UUID schoolId, UUID decisionId) {
        get(schoolId);
        return decisions.findByIdOptional(decisionId).filter(d -> d.schoolId.equals(schoolId))
                .orElseThrow(() -> ProblemException.notFound("Decision", decisionId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SchoolStatusDecision> latestDecision(UUID schoolId) {
        return decisions.latest(schoolId);
    }

    public Evidence evidenceOf(String json) {
        try {
            return this.json.readValue(json, Evidence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evidence is not readable", e);
        }
    }

    private String toJson(Evidence ev) {
        try {
            return json.writeValueAsString(ev);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence is not serialisable", e);
        }
    }

    private OversightBody body(UUID oversightBodyId) {
        return bodies.findByIdOptional(oversightBodyId).orElseThrow(() -> ProblemException.unprocessable(
                "Oversight body " + oversightBodyId + " does not exist",
                new FieldError("oversightBodyId", "no such oversight body")));
    }

    private void checkUnique(Details d, UUID self) {
        schools.findByDistrictCode(d.districtCode()).filter(s -> !s.id.equals(self)).ifPresent(s -> {
            throw ProblemException.conflict(DUPLICATE_SCHOOL, "District code " + d.districtCode() + " is school " + s.id);
        });
        if (d.ncesId() != null) {
            schools.findByNcesId(d.ncesId()).filter(s -> !s.id.equals(self)).ifPresent(s -> {
                throw ProblemException.conflict(DUPLICATE_SCHOOL, "NCES id " + d.ncesId() + " is school " + s.id);
            });
        }
    }

    private static void diff(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }
}
