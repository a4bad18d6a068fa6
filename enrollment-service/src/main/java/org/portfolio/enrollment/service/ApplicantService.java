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

    @Inject
    ApplicantRepository applicants;

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
        a.createdAt = Instant.now();
        apply(a, d);
        applicants.persist(a);
        return a;
    }

    public Applicant update(UUID id, String ifMatch, ApplicantData d) {
        Applicant a = get(id);
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
        apply(a, d);
        applicants.flush();
        return a;
    }

    /** What the match reads of an applicant (MatchStore.loadApplications): frozen from a period's close to its publication. */
    static final String MATCH_INPUTS = "grade, homeZone, currentSchoolId, siblingSchoolIds, staffSchoolIds and flags";

    /** The stored applicant's match inputs equal these (flags compared as stored: upper case, joined). */
    static boolean sameMatchInputs(Applicant a, ApplicantData d) {
        Applicant fresh = new Applicant();
        apply(fresh, d);
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

    static void apply(Applicant a, ApplicantData d) {
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
        a.updatedAt = Instant.now();
    }
}
