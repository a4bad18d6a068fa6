package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.Applicant;
import org.portfolio.enrollment.repository.ApplicantRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Applicant records (personal data stays in this service). */
@ApplicationScoped
@Transactional
public class ApplicantService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    @Inject
    ApplicantRepository applicants;
    @Inject
    org.portfolio.enrollment.repository.MatchStore store;

    public record ApplicantData(String externalRef, String firstName, String lastName, LocalDate birthDate, String grade,
                                String homeZone, UUID currentSchoolId, List<UUID> siblingSchoolIds,
                                List<UUID> staffSchoolIds, List<String> flags) {
    }

    public Applicant create(ApplicantData d) {
        applicants.findByExternalRef(d.externalRef()).ifPresent(a -> {
            throw ProblemException.conflict(EnrollmentProblems.DUPLICATE_APPLICANT,
                    "An applicant with this externalRef exists: " + a.id);
        });
        Applicant a = new Applicant();
        a.id = UUID.randomUUID();
        a.createdAt = clock.instant();
        apply(a, d, clock.instant());
        applicants.persist(a);
        return a;
    }

    public Applicant update(UUID id, String ifMatch, ApplicantData d) {
        // locked first: an application being written against the old grade and zone is seen, or waits (findForUpdate)
        Applicant a = applicants.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("Applicant", id));
        EntityTags.checkIfMatch(ifMatch, a.version);
        applicants.findByExternalRef(d.externalRef()).filter(o -> !o.id.equals(id)).ifPresent(o -> {
            throw ProblemException.conflict(EnrollmentProblems.DUPLICATE_APPLICANT,
                    "An applicant with this externalRef exists: " + o.id);
        });
        if (!sameMatchInputs(a, d) && !applicants.inPeriodsBeingMatched(List.of(id)).isEmpty()) {
            throw ProblemException.conflict(EnrollmentProblems.APPLICANT_BEING_MATCHED, "Applicant " + id
                    + " has an application in a period that is closed and not yet published: " + MATCH_INPUTS
                    + " are fixed until its results are published (names, birth date and reference may change)");
        }
        if (!sameMatchInputs(a, d)) {
            refuseIneligibleOpenApplications(id, d);
        }
        apply(a, d, clock.instant());
        applicants.flush();
        return a;
    }

    /**
     * 422 when the changed grade or zone makes a choice of the applicant's application in an OPEN period one it may not
     * make (the match does not check eligibility again: a child who moved zones after applying could be given a seat
     * the program does not admit; third pass of 2026-12-05). Change or withdraw the application first.
     */
    private void refuseIneligibleOpenApplications(UUID id, ApplicantData d) {
        Applicant fresh = new Applicant();
        apply(fresh, d, clock.instant());
        List<org.portfolio.platform.web.problem.FieldError> errors = new java.util.ArrayList<>();
        for (Object[] r : store.query("""
                select e.id, c.rank, p.grade, p.eligible_zones from application a
                join enrollment_period e on e.id = a.period_id and e.status = 'OPEN'
                join application_choice c on c.application_id = a.id join program p on p.id = c.program_id
                where a.applicant_id = ? order by e.id, c.rank""", id)) {
            String zones = (String) r[3];
            String why = org.portfolio.enrollment.domain.PriorityRules.ineligibility(fresh.profile(), (String) r[2],
                    zones == null || zones.isBlank() ? List.of() : List.of(zones.split(",")));
            if (why != null) {
                errors.add(new org.portfolio.platform.web.problem.FieldError("period " + r[0] + ": choices[" + r[1] + "]", why));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(EnrollmentProblems.INVALID_CHOICES, "The change makes " + errors.size()
                    + " choice(s) of the applicant's open application(s) ineligible; change or withdraw them first", errors,
                    java.util.Map.of());
        }
    }

    /** What the match reads of an applicant (MatchStore.loadApplications): frozen from a period's close to its publication. */
    static final String MATCH_INPUTS = "grade, homeZone, currentSchoolId, siblingSchoolIds, staffSchoolIds and flags";

    /** The stored applicant's match inputs equal these (flags compared as stored: upper case, joined). */
    static boolean sameMatchInputs(Applicant a, ApplicantData d) {
        Applicant fresh = new Applicant();
        apply(fresh, d, Instant.EPOCH); // the match inputs only
        return java.util.Objects.equals(a.grade, fresh.grade) && java.util.Objects.equals(a.homeZone, fresh.homeZone)
                && java.util.Objects.equals(a.currentSchoolId, fresh.currentSchoolId)
                && asSet(a.siblingSchoolIds).equals(asSet(fresh.siblingSchoolIds))
                && asSet(a.staffSchoolIds).equals(asSet(fresh.staffSchoolIds)) && asSet(a.flags).equals(asSet(fresh.flags));
    }

    private static java.util.Set<String> asSet(String joined) {
        return joined == null || joined.isEmpty() ? java.util.Set.of() : new java.util.HashSet<>(java.util.Arrays.asList(joined.split(",")));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Applicant get(UUID id) {
        return applicants.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Applicant", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Applicant> search(String externalRef, String lastName, int page, int size) {
        var q = externalRef != null ? applicants.find("externalRef", externalRef)
                : lastName != null ? applicants.find("lower(lastName) = lower(?1) order by firstName, id", lastName)
                : applicants.find("order by lastName, firstName, id");
        return new Page<>(q.page(page, size).list(), page, size, q.count());
    }

    static void apply(Applicant a, ApplicantData d, Instant now) {
        a.externalRef = d.externalRef();
        a.firstName = d.firstName();
        a.lastName = d.lastName();
        a.birthDate = d.birthDate();
        a.grade = d.grade();
        a.homeZone = d.homeZone();
        a.currentSchoolId = d.currentSchoolId();
        a.siblingSchoolIds = Applicant.join(d.siblingSchoolIds());
        a.staffSchoolIds = Applicant.join(d.staffSchoolIds());
        a.flags = Applicant.join(d.flags() == null ? null : d.flags().stream().map(String::toUpperCase).toList());
        a.updatedAt = now;
    }
}
