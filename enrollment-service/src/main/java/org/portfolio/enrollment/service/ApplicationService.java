package org.portfolio.enrollment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.portfolio.enrollment.domain.Applicant;
import org.portfolio.enrollment.domain.ApplicantProfile;
import org.portfolio.enrollment.domain.Application;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.domain.PriorityRules;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.repository.ApplicantRepository;
import org.portfolio.enrollment.repository.ApplicationRepository;
import org.portfolio.enrollment.repository.MatchStore;
import org.portfolio.enrollment.repository.OfferRepository;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemMappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Ranked applications: submitted and edited while the window is open, checked for duplicates and eligibility. */
@ApplicationScoped
@Transactional
public class ApplicationService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    private static final int MAX_REPORTED_ERRORS = 100;
    /** An import line's longest: an applicant with every list full is about 2,500 characters. */
    static final int MAX_LINE_CHARS = 16_384;

    @Inject
    PeriodRepository periods;
    @Inject
    ProgramRepository programs;
    @Inject
    ApplicantRepository applicants;
    @Inject
    ApplicationRepository applications;
    @Inject
    ParticipatingSchoolRepository schools;
    @Inject
    OfferRepository offers;
    @Inject
    org.portfolio.enrollment.repository.WaitlistRepository waitlists;
    @Inject
    MatchStore store;
    @Inject
    EntityManager em;
    /** The application's mapper: JSON limits, strict strings (no NUL), bounded decimals, duplicate keys refused. */
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    /**
     * The period, locked FOR SHARE for an application or a withdrawal (at most 5 s behind a close, a match or an
     * import). When the wait ends and the period no longer takes applications (a match under way: its period is
     * CLOSED), that is the answer, not a 409 {@code concurrent-modification} whose retry could only be refused (hostile
     * read of the twenty-first pass, L5).
     */
    private EnrollmentPeriod forApplications(UUID periodId) {
        try {
            return periods.findForShare(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        } catch (jakarta.persistence.PersistenceException e) {
            if (!"55P03".equals(ProblemMappers.sqlState(e))) {
                throw e;
            }
            // this transaction is over (the lock timed out): the period's status as last committed, in one of its own
            String status = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> periods.statusOf(periodId));
            if (status != null && !PeriodStatus.OPEN.name().equals(status)) {
                throw ProblemException.conflict(EnrollmentProblems.PERIOD_NOT_OPEN, "Period " + periodId + " is " + status
                        + "; applications are accepted, changed and withdrawn only while it is OPEN");
            }
            throw e;
        }
    }

    /** What {@link #submit} did. */
    public record Submitted(Application application, boolean created) {
    }

    /** One choice with what the family sees before the match: the derived priority group and set-aside groups. */
    public record ChoiceView(int rank, Program program, String schoolName, PriorityRules.Priority priority,
                             List<String> setAsideGroups, boolean schoolTakesPart) {
    }

    public Submitted submit(UUID periodId, UUID applicantId, String ifMatch, List<UUID> choices) {
        EnrollmentPeriod period = forApplications(periodId);
        Applicant applicant = applicants.findForUpdate(applicantId).orElseThrow(() -> ProblemException.notFound("Applicant", applicantId));
        if (!period.acceptsApplications()) {
            throw ProblemException.conflict(EnrollmentProblems.PERIOD_NOT_OPEN,
                    "Period " + periodId + " is " + period.status + "; applications are accepted and changed only while it is OPEN");
        }
        checkNoOfferFromPreviousRound(period, applicantId);
        Application existing = applications.find(periodId, applicantId).orElse(null);
        if (existing != null) {
            EntityTags.checkIfMatch(ifMatch, existing.version);
        }
        Map<UUID, Program> byId = new HashMap<>();
        programs.listByPeriod(periodId).forEach(p -> byId.put(p.id, p));
        Map<UUID, ParticipatingSchool> bySchool = schoolsById();
        List<FieldError> errors = checkChoices(period, applicant.profile(), choices, byId, bySchool, "choices");
        if (!errors.isEmpty()) {
            throw invalidChoices(errors);
        }
        Application a = existing != null ? existing : new Application();
        if (existing == null) {
            a.id = UUID.randomUUID();
            a.periodId = periodId;
            a.applicantId = applicantId;
            a.submittedAt = clock.instant();
        }
        a.status = "SUBMITTED";
        a.choices.clear();
        a.choices.addAll(choices);
        a.updatedAt = clock.instant();
        if (existing == null) {
            applications.persist(a);
        }
        applications.flush();
        return new Submitted(a, existing == null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Application get(UUID periodId, UUID applicantId) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        return applications.find(periodId, applicantId)
                .orElseThrow(() -> ProblemException.notFound("Application of applicant", applicantId));
    }

    /**
     * The choices with the priority groups derived from the applicant's data, as shown to the family: by each school's
     * zone as it stood at the close once the window has closed, as the match gives them (ninth pass review).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChoiceView> view(Application a) {
        ApplicantProfile profile = applicants.findById(a.applicantId).profile();
        Map<UUID, ParticipatingSchool> bySchool = schoolsById();
        EnrollmentPeriod period = periods.findById(a.periodId);
        Map<UUID, String> zonesAtClose = period == null || period.status == PeriodStatus.DRAFT || period.status == PeriodStatus.OPEN
                ? Map.of() : store.schoolZonesAtClose(a.periodId);
        List<ChoiceView> out = new ArrayList<>();
        for (int i = 0; i < a.choices.size(); i++) {
            Program p = programs.findById(a.choices.get(i));
            ParticipatingSchool s = bySchool.get(p.schoolId);
            String zone = zonesAtClose.containsKey(p.schoolId) ? zonesAtClose.get(p.schoolId) : s == null ? null : s.zone;
            int mask = PriorityRules.setAsideMask(profile, p.setAsides, p.schoolId, zone);
            List<String> groups = new ArrayList<>();
            for (int k = 0; k < p.setAsides.size(); k++) {
                if ((mask & (1 << k)) != 0) {
                    groups.add(p.setAsides.get(k).group);
                }
            }
            out.add(new ChoiceView(i + 1, p, s == null ? null : s.name, PriorityRules.priority(profile, p.priorities(), p.schoolId, zone),
                    groups, s != null && s.takesPart()));
        }
        return out;
    }

    public void withdraw(UUID periodId, UUID applicantId) {
        EnrollmentPeriod period = forApplications(periodId);
        // the applicant's lock, as an application takes it: a withdrawal and a change of the application, or two
        // withdrawals, one after the other (a second withdrawal is a 404, not a 409 from the deleted row)
        applicants.findForUpdate(applicantId).orElseThrow(() -> ProblemException.notFound("Applicant", applicantId));
        Application a = applications.find(periodId, applicantId)
                .orElseThrow(() -> ProblemException.notFound("Application of applicant", applicantId));
        if (!period.acceptsApplications()) {
            throw ProblemException.conflict(EnrollmentProblems.PERIOD_NOT_OPEN,
                    "Period " + periodId + " is " + period.status + "; applications can be withdrawn only while it is OPEN");
        }
        applications.delete(a);
        for (UUID earlier : earlierRounds(period)) {
            // back on the earlier rounds' lists it left when it applied here, those still open: the previous round's
            // close at this round's match, and a withdrawal is only taken while this round is OPEN; an older round's
            // closed at the match of the round after it, which made its MOVED_ON entries REMOVED (WaitlistRepository.closeAll)
            waitlists.comeBack(earlier, applicantId);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Application> list(UUID periodId, int page, int size) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        var q = applications.find("periodId = ?1 order by submittedAt, id", periodId);
        return new Page<>(q.page(page, size).list(), page, size, q.count());
    }

    // ---- bulk import -------------------------------------------------------------------------------------------

    /** One NDJSON line of an import: the applicant's data and its ranked program ids. */
    public record ImportLine(ImportApplicant applicant, List<UUID> choices) {
    }

    /** Bounded as a single submission's applicant (rest.ApplicantRequest) is. */
    public record ImportApplicant(@NotBlank @Size(max = 60) String externalRef,
                                  @NotBlank @Size(max = 100) String firstName,
                                  @NotBlank @Size(max = 100) String lastName,
                                  @NotNull @Past LocalDate birthDate,
                                  @NotNull @Pattern(regexp = "PK|K|[1-9]|1[0-2]", message = "must be PK, K, 1 … 12") String grade,
                                  @Size(max = 60) String homeZone, UUID currentSchoolId,
                                  @Size(max = 10) List<@NotNull UUID> siblingSchoolIds,
                                  @Size(max = 5) List<@NotNull UUID> staffSchoolIds,
                                  @Size(max = 10) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_]{1,40}", message = "letters, digits and _ only") String> flags) {
    }

    public record ImportResult(int applications, int applicantsCreated, int applicantsUpdated, long millis) {
    }

    /**
     * Imports applicants and their applications from NDJSON (one {@link ImportLine} per line), all or nothing: every
     * line is checked like a single submission and the first {@value #MAX_REPORTED_ERRORS} problems are reported
     * with their line numbers. Applicants are matched on their external reference (created or updated); each
     * imported application replaces that applicant's application in the period. Written with COPY. The body is read
     * and checked before the period is locked, and the choices checked again against the period as it is once locked
     * (hostile read of the twenty-second pass, M2: the period was locked first, so while an upload was still arriving
     * every family's application in the period waited and was refused).
     */
    @TransactionConfiguration(timeout = 900)
    public ImportResult importApplications(UUID periodId, InputStream body) {
        long t0 = System.nanoTime();
        EnrollmentPeriod period = openForImport(periods.findByIdOptional(periodId), periodId);
        Map<UUID, Program> byId = programsOf(periodId);
        Map<UUID, ParticipatingSchool> bySchool = schoolsById();
        List<ImportLine> lines = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        ObjectReader reader = mapper.readerFor(ImportLine.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (BoundedLines r = new BoundedLines(new InputStreamReader(body, StandardCharsets.UTF_8), MAX_LINE_CHARS)) {
            String text;
            int no = 0;
            while ((text = r.next()) != null) {
                no++;
                String where = "line " + no;
                if (text == BoundedLines.TOO_LONG) {
                    addError(errors, new FieldError(where, "longer than " + MAX_LINE_CHARS + " characters"));
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                ImportLine line;
                try {
                    line = reader.readValue(text);
                } catch (JsonProcessingException e) {
                    // the rule and the field, never the value: a line is a child's personal data
                    FieldError why = ProblemMappers.describe(e);
                    addError(errors, new FieldError(why.field().isEmpty() ? where : where + ": " + why.field(), why.message()));
                    continue;
                }
                List<FieldError> invalid = checkApplicant(line.applicant(), where + ": applicant");
                if (!invalid.isEmpty()) {
                    invalid.forEach(e -> addError(errors, e));
                    continue;
                }
                if (!refs.add(line.applicant().externalRef())) {
                    addError(errors, new FieldError(where + ": applicant.externalRef", "appears on an earlier line"));
                    continue;
                }
                for (FieldError e : choiceErrors(period, line, byId, bySchool, where)) {
                    addError(errors, e);
                }
                lines.add(line);
                lineNumbers.add(no);
            }
        } catch (IOException e) {
            throw ProblemException.invalid("body", "could not be read");
        }
        if (!errors.isEmpty()) {
            throw invalidChoices(errors);
        }
        if (lines.isEmpty()) {
            throw ProblemException.invalid("body", "no import lines");
        }
        // the whole body is read: now the period, locked and as it is now (closed meanwhile: 409; a program or a school
        // changed meanwhile: the choices checked again); nothing was written yet, so nothing is lost by starting afresh
        em.flush();
        em.clear();
        period = openForImport(periods.findForUpdate(periodId), periodId);
        byId = programsOf(periodId);
        bySchool = schoolsById();
        for (int i = 0; i < lines.size(); i++) {
            for (FieldError e : choiceErrors(period, lines.get(i), byId, bySchool, "line " + lineNumbers.get(i))) {
                addError(errors, e);
            }
        }
        if (!errors.isEmpty()) {
            throw invalidChoices(errors);
        }
        Map<String, UUID> existing = store.applicantIdsByRef(new ArrayList<>(refs));
        List<UUID> earlier = earlierRounds(period);
        if (!earlier.isEmpty()) {
            Set<UUID> holders = new HashSet<>();
            for (UUID e : earlier) {
                for (Object[] row : store.query("select applicant_id from offer where period_id = ? and status in ('OFFERED', 'ACCEPTED')", e)) {
                    holders.add((UUID) row[0]);
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                UUID id = existing.get(lines.get(i).applicant().externalRef());
                if (id != null && holders.contains(id)) {
                    // the line, never the reference: a student number is the child's personal data
                    addError(errors, new FieldError("line " + lineNumbers.get(i) + ": applicant.externalRef",
                            "holds an offer from an earlier round"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(EnrollmentProblems.HOLDS_OFFER, errors.size() + " applicant(s) hold an offer from an earlier round",
                        errors, Map.of());
            }
        }
        refuseChangesOfApplicantsBeingMatched(lines, lineNumbers, existing);
        refuseChangesThatMakeOtherOpenApplicationsIneligible(periodId, lines, lineNumbers, existing);
        String now = clock.instant().toString();
        StringBuilder newApplicants = new StringBuilder();
        StringBuilder updated = new StringBuilder();
        StringBuilder apps = new StringBuilder();
        StringBuilder choices = new StringBuilder();
        int created = 0;
        List<UUID> replaced = new ArrayList<>();
        for (ImportLine l : lines) {
            ImportApplicant a = l.applicant();
            UUID id = existing.get(a.externalRef());
            StringBuilder target = id == null ? newApplicants : updated;
            if (id == null) {
                id = UUID.randomUUID();
                created++;
            } else {
                replaced.add(id);
            }
            target.append(id).append('\t').append(MatchStore.text(a.externalRef())).append('\t').append(MatchStore.text(a.firstName()))
                    .append('\t').append(MatchStore.text(a.lastName())).append('\t').append(a.birthDate()).append('\t')
                    .append(MatchStore.text(a.grade())).append('\t').append(MatchStore.text(a.homeZone())).append('\t')
                    .append(MatchStore.text(a.currentSchoolId())).append('\t').append(MatchStore.text(Applicant.join(a.siblingSchoolIds())))
                    .append('\t').append(MatchStore.text(Applicant.join(a.staffSchoolIds()))).append('\t')
                    .append(MatchStore.text(Applicant.join(a.flags() == null ? null : a.flags().stream().map(String::toUpperCase).toList())))
                    .append("\t0\t").append(now).append('\t').append(now).append('\n');
            UUID appId = UUID.randomUUID();
            apps.append(appId).append('\t').append(periodId).append('\t').append(id).append("\tSUBMITTED\t0\t").append(now)
                    .append('\t').append(now).append('\n');
            for (int i = 0; i < l.choices().size(); i++) {
                choices.append(appId).append('\t').append(i).append('\t').append(l.choices().get(i)).append('\n');
            }
        }
        String cols = "id, external_ref, first_name, last_name, birth_date, grade, home_zone, current_school_id, "
                + "sibling_school_ids, staff_school_ids, flags, version, created_at, updated_at";
        if (!newApplicants.isEmpty()) {
            copyNewApplicants(cols, newApplicants);
        }
        if (!updated.isEmpty()) {
            store.execute("create temporary table import_applicant (like applicant) on commit drop");
            store.copyIn("import_applicant", cols, updated);
            store.execute("""
                    update applicant a set first_name = i.first_name, last_name = i.last_name, birth_date = i.birth_date,
                      grade = i.grade, home_zone = i.home_zone, current_school_id = i.current_school_id,
                      sibling_school_ids = i.sibling_school_ids, staff_school_ids = i.staff_school_ids, flags = i.flags,
                      version = a.version + 1, updated_at = i.updated_at
                    from import_applicant i where a.id = i.id""");
            store.execute("delete from application where period_id = ? and applicant_id = any (?)", periodId,
                    replaced.toArray(UUID[]::new));
            for (UUID e : earlier) {
                // they apply here now: off the earlier rounds' waitlists (a child new to the system is on none)
                store.execute("update waitlist_entry set status = 'MOVED_ON' where period_id = ? and applicant_id = any (?) "
                        + "and status = 'WAITING'", e, replaced.toArray(UUID[]::new));
            }
        }
        store.copyIn("application", "id, period_id, applicant_id, status, version, submitted_at, updated_at", apps);
        store.copyIn("application_choice", "application_id, rank, program_id", choices);
        return new ImportResult(lines.size(), created, lines.size() - created, (System.nanoTime() - t0) / 1_000_000);
    }

    private static EnrollmentPeriod openForImport(java.util.Optional<EnrollmentPeriod> found, UUID periodId) {
        EnrollmentPeriod period = found.orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (!period.acceptsApplications()) {
            throw ProblemException.conflict(EnrollmentProblems.PERIOD_NOT_OPEN,
                    "Period " + periodId + " is " + period.status + "; applications are imported only while it is OPEN");
        }
        return period;
    }

    private Map<UUID, Program> programsOf(UUID periodId) {
        Map<UUID, Program> byId = new HashMap<>();
        programs.listByPeriod(periodId).forEach(p -> byId.put(p.id, p));
        return byId;
    }

    /** What is wrong with an import line's choices for the applicant it describes ({@code where}: the line). */
    private List<FieldError> choiceErrors(EnrollmentPeriod period, ImportLine line, Map<UUID, Program> byId,
                                          Map<UUID, ParticipatingSchool> bySchool, String where) {
        ImportApplicant ia = line.applicant();
        ApplicantProfile profile = new ApplicantProfile(null, ia.grade(), ia.homeZone(), ia.currentSchoolId(),
                strings(ia.siblingSchoolIds()), strings(ia.staffSchoolIds()),
                ia.flags() == null ? List.of() : ia.flags().stream().map(String::toUpperCase).toList());
        return checkChoices(period, profile, line.choices(), byId, bySchool, where + ": choices");
    }

    /**
     * 422 if a line changes the grade or zone of an applicant whose application in another OPEN period then has a choice
     * it may not make (the match does not check eligibility again; ApplicantService.update refuses the same). Line
     * numbers only: a line is a child's personal data.
     */
    private void refuseChangesThatMakeOtherOpenApplicationsIneligible(UUID periodId, List<ImportLine> lines,
                                                                       List<Integer> lineNumbers, Map<String, UUID> existing) {
        Map<UUID, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            UUID id = existing.get(lines.get(i).applicant().externalRef());
            if (id != null) {
                lineOf.put(id, i);
            }
        }
        if (lineOf.isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        for (Object[] r : store.query("""
                select a.applicant_id, e.id, c.rank, p.grade, p.eligible_zones from application a
                join enrollment_period e on e.id = a.period_id and e.status = 'OPEN' and e.id <> ?
                join application_choice c on c.application_id = a.id join program p on p.id = c.program_id
                where a.applicant_id = any (?) order by a.applicant_id, e.id, c.rank""", periodId,
                lineOf.keySet().toArray(UUID[]::new))) {
            int i = lineOf.get((UUID) r[0]);
            ImportApplicant ia = lines.get(i).applicant();
            ApplicantProfile profile = new ApplicantProfile(null, ia.grade(), ia.homeZone(), null, List.of(), List.of(), List.of());
            String zones = (String) r[4];
            String why = PriorityRules.ineligibility(profile, (String) r[3],
                    zones == null || zones.isBlank() ? List.of() : List.of(zones.split(",")));
            if (why != null) {
                addError(errors, new FieldError("line " + lineNumbers.get(i) + ": applicant", "the change makes choice " + r[2]
                        + " of its application in period " + r[1] + " ineligible: " + why));
            }
        }
        if (!errors.isEmpty()) {
            throw invalidChoices(errors);
        }
    }

    /**
     * The import's new applicants. One created by another request after the import looked the references up (an
     * officer's, another import's) meets the unique reference: a 409 {@code concurrent-modification} to send the
     * import again (which then updates it), not {@code duplicate-applicant}, which an import never answers (hostile
     * review of the twentieth pass: the unique key's problem is the create's).
     */
    private void copyNewApplicants(String cols, CharSequence rows) {
        try {
            store.copyIn("applicant", cols, rows);
        } catch (IllegalStateException e) {
            if ("23505".equals(org.portfolio.platform.web.problem.ProblemMappers.sqlState(e))) {
                throw ProblemException.conflict(org.portfolio.platform.web.problem.ProblemType.CONCURRENT_MODIFICATION,
                        "An applicant of this import was created by another request at the same moment; send the import again");
            }
            throw e;
        }
    }

    /**
     * 409 if a line changes what the match reads of an applicant who has applied in a period that is closed and not
     * yet published (ApplicantService.update refuses the same): an import into another period must not redraw that
     * period's match.
     */
    private void refuseChangesOfApplicantsBeingMatched(List<ImportLine> lines, List<Integer> lineNumbers, Map<String, UUID> existing) {
        Set<UUID> beingMatched = applicants.inPeriodsBeingMatched(existing.values());
        if (beingMatched.isEmpty()) {
            return;
        }
        Map<UUID, Applicant> stored = new HashMap<>();
        // in slices: an import of tens of thousands of applicants must stay under PostgreSQL's 65,535 parameters
        List<UUID> ids = new ArrayList<>(beingMatched);
        for (int from = 0; from < ids.size(); from += 10_000) {
            applicants.list("id in ?1", ids.subList(from, Math.min(ids.size(), from + 10_000))).forEach(a -> stored.put(a.id, a));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ImportApplicant ia = lines.get(i).applicant();
            Applicant current = stored.get(existing.get(ia.externalRef()));
            if (current != null && !ApplicantService.sameMatchInputs(current, new ApplicantService.ApplicantData(ia.externalRef(),
                    ia.firstName(), ia.lastName(), ia.birthDate(), ia.grade(), ia.homeZone(), ia.currentSchoolId(),
                    ia.siblingSchoolIds(), ia.staffSchoolIds(), ia.flags()))) {
                addError(errors, new FieldError("line " + lineNumbers.get(i) + ": applicant",
                        "has an application in a period that is closed and not yet published: " + ApplicantService.MATCH_INPUTS
                                + " are fixed until its results are published"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(EnrollmentProblems.APPLICANT_BEING_MATCHED, errors.size()
                    + " line(s) change the match data of applicants in a period being matched", errors, Map.of());
        }
    }

    // ---- rules ---------------------------------------------------------------------------------------------------

    /** Max choices, duplicates, programs of this period, schools taking part, eligibility (grade, zone). */
    static List<FieldError> checkChoices(EnrollmentPeriod period, ApplicantProfile applicant, List<UUID> choices,
                                         Map<UUID, Program> programsById, Map<UUID, ParticipatingSchool> schools, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (choices == null || choices.isEmpty()) {
            errors.add(new FieldError(field, "rank at least one program"));
            return errors;
        }
        if (choices.size() > period.maxChoices) {
            errors.add(new FieldError(field, choices.size() + " choices; this period allows at most " + period.maxChoices));
        }
        Map<UUID, Integer> seen = new HashMap<>();
        for (int i = 0; i < choices.size(); i++) {
            UUID id = choices.get(i);
            String f = field + "[" + i + "]";
            if (id == null) {
                errors.add(new FieldError(f, "must be a program id"));
                continue;
            }
            Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                errors.add(new FieldError(f, "program " + id + " is already choice " + (before + 1)));
                continue;
            }
            Program p = programsById.get(id);
            if (p == null) {
                errors.add(new FieldError(f, "program " + id + " is not a program of this period"));
                continue;
            }
            ParticipatingSchool s = schools.get(p.schoolId);
            if (s == null || !s.takesPart()) {
                errors.add(new FieldError(f, "the school of program " + p.name + " does not take part in enrollment ("
                        + (s == null ? "unknown" : s.underRevocation ? "under REVOCATION" : s.status) + ")"));
                continue;
            }
            String why = PriorityRules.ineligibility(applicant, p.grade, p.zones());
            if (why != null) {
                errors.add(new FieldError(f, "not eligible for " + p.name + ": " + why));
            }
        }
        return errors;
    }

    /**
     * The earlier rounds of a period (its previous one, that one's, …), each locked FOR SHARE: an offer answered or moved
     * on in one of them (which locks it FOR UPDATE) waits for this application, or this application for it.
     */
    private List<UUID> earlierRounds(EnrollmentPeriod period) {
        List<UUID> out = new ArrayList<>();
        UUID previous = period.previousPeriodId;
        while (previous != null && out.size() < 1000) {
            EnrollmentPeriod p = periods.findEarlierRoundForShare(previous).orElse(null);
            if (p == null) {
                break;
            }
            out.add(p.id);
            previous = p.previousPeriodId;
        }
        return out;
    }

    /**
     * An applicant applying in round n: it may hold no offer from any earlier round (only the previous one was looked
     * at), and it leaves the earlier rounds' waitlists, so that no seat of theirs reaches it once it applied here —
     * one child held offers in two rounds (third pass of 2026-12-05).
     */
    private void checkNoOfferFromPreviousRound(EnrollmentPeriod period, UUID applicantId) {
        for (UUID earlier : earlierRounds(period)) {
            if (offers.findLive(earlier, applicantId).isPresent()) {
                throw ProblemException.conflict(EnrollmentProblems.HOLDS_OFFER, "Applicant " + applicantId
                        + " holds an offer from an earlier round (period " + earlier + "); decline it first to apply in round " + period.round);
            }
            waitlists.moveOn(earlier, applicantId);
        }
    }

    private static ProblemException invalidChoices(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + (errors.size() >= MAX_REPORTED_ERRORS ? " or more" : "") + " problems with the choices";
        return new ProblemException(EnrollmentProblems.INVALID_CHOICES, detail, errors, Map.of());
    }

    private List<FieldError> checkApplicant(ImportApplicant a, String where) {
        if (a == null) {
            return List.of(new FieldError(where, "missing"));
        }
        return validator.validate(a).stream()
                .map(v -> new FieldError(where + "." + v.getPropertyPath(), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
    }

    private static void addError(List<FieldError> errors, FieldError e) {
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(e);
        }
    }

    private static List<String> strings(List<UUID> ids) {
        return ids == null ? List.of() : ids.stream().map(UUID::toString).toList();
    }

    private Map<UUID, ParticipatingSchool> schoolsById() {
        Map<UUID, ParticipatingSchool> out = new HashMap<>();
        schools.listAll().forEach(s -> out.put(s.schoolId, s));
        return out;
    }
}
