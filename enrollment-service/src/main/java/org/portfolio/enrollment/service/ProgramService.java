package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SetAside;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Programs of a period: school, grade, seats, priority order, set-asides, eligibility. */
@ApplicationScoped
@Transactional
public class ProgramService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    /**
     * Programs a period may have: every one is listed, with its figures and cutoff, in the round's one
     * {@code MatchPublished} event, which must fit the event backbone (Outbox.MAX_PAYLOAD_BYTES; a round with more
     * could be matched but never published). 3,000 take at most about 790,000 characters, with 100 runs and 100 other periods of the round
     * ({@code MatchPublishedSizeTest}).
     */
    public static final int MAX_PROGRAMS_PER_PERIOD = 3_000;

    @Inject
    ProgramRepository programs;
    @Inject
    PeriodRepository periods;
    @Inject
    ParticipatingSchoolRepository schools;
    @Inject
    org.portfolio.enrollment.repository.MatchStore store;

    public record ProgramData(UUID schoolId, String grade, String name, int seats, List<PriorityGroup> priorityOrder,
                              List<SetAside> setAsides, List<String> eligibleZones) {
    }

    public Program create(UUID periodId, ProgramData d) {
        // FOR UPDATE: one program added at a time per period (the count below holds), none while it closes
        EnrollmentPeriod period = editablePeriod(periods.findForUpdate(periodId), periodId);
        validate(d, true);
        long existing = programs.count("periodId", period.id);
        if (existing >= MAX_PROGRAMS_PER_PERIOD) {
            throw ProblemException.conflict(EnrollmentProblems.TOO_MANY_PROGRAMS, "Period " + periodId + " has " + existing
                    + " programs, as many as one round can publish (" + MAX_PROGRAMS_PER_PERIOD + "); split the round into periods");
        }
        programs.findSame(period.id, d.schoolId(), d.grade(), d.name()).ifPresent(p -> {
            throw ProblemException.conflict(EnrollmentProblems.DUPLICATE_PROGRAM,
                    "School " + d.schoolId() + " already has program \"" + d.name() + "\" for grade " + d.grade() + ": " + p.id);
        });
        Program p = new Program();
        p.id = UUID.randomUUID();
        p.periodId = period.id;
        p.createdAt = clock.instant();
        apply(p, d);
        programs.persist(p);
        return p;
    }

    public Program update(UUID periodId, UUID id, String ifMatch, ProgramData d) {
        // FOR UPDATE, read first: a change waits for a close under way and is then refused, and submissions (FOR SHARE)
        // wait for it, so none is checked against the program as it was
        java.util.Optional<EnrollmentPeriod> period = periods.findForUpdate(periodId);
        if (period.isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        Program p = programs.findInPeriod(periodId, id).orElseThrow(() -> ProblemException.notFound("Program", id));
        EntityTags.checkIfMatch(ifMatch, p.version);
        editablePeriod(period, periodId);
        boolean moves = !p.schoolId.equals(d.schoolId());
        validate(d, moves);
        programs.findSame(periodId, d.schoolId(), d.grade(), d.name()).filter(o -> !o.id.equals(id)).ifPresent(o -> {
            throw ProblemException.conflict(EnrollmentProblems.DUPLICATE_PROGRAM, "Program " + o.id + " is the same program");
        });
        if (moves) {
            refuseMoveWithApplicants(id);
        }
        if (p.sourceProgramId != null && (moves || !p.grade.equals(d.grade()))) {
            // a copy continues its program where families hold its seats: moved, the new school's seats were charged
            // the old one's held seats (review of the twenty-fifth pass, E1: none filled, and a matched period never
            // reopens); unlinked, the old school's held seats were charged to nobody and offered again (the pass's
            // own read, R2), and held seats can come back until the next round's match (waitlist offers)
            throw ProblemException.conflict(EnrollmentProblems.PROGRAM_CONTINUES_EARLIER_ROUND, "Program " + id
                    + " continues program " + p.sourceProgramId + " of the previous round at school " + p.schoolId
                    + ", grade " + p.grade + ", where families may hold its seats; create a new program for another school "
                    + "or grade (this one's seats may be set to 0)");
        }
        refuseExcludingApplicants(id, d);
        apply(p, d);
        programs.flush();
        return p;
    }

    /**
     * 409 when the new grade or zones would make a child who chose the program ineligible: the match does not check
     * eligibility again, and would give the seat anyway (third pass of 2026-12-05). Counts only: no child is named.
     */
    private void refuseExcludingApplicants(UUID programId, ProgramData d) {
        int excluded = 0;
        for (Object[] r : store.query("""
                select ap.grade, ap.home_zone from application_choice c join application a on a.id = c.application_id
                join applicant ap on ap.id = a.applicant_id where c.program_id = ?""", programId)) {
            var profile = new org.portfolio.enrollment.domain.ApplicantProfile(null, (String) r[0], (String) r[1], null,
                    List.of(), List.of(), List.of());
            if (org.portfolio.enrollment.domain.PriorityRules.ineligibility(profile, d.grade(), d.eligibleZones()) != null) {
                excluded++;
            }
        }
        if (excluded > 0) {
            throw ProblemException.conflict(EnrollmentProblems.PROGRAM_EXCLUDES_APPLICANTS, excluded + " applicant(s) chose this "
                    + "program and would no longer be eligible for it (grade or zones); their applications change first");
        }
    }

    /**
     * 409 when children chose the program and it would move to another school: they ranked the school as much as the
     * program, and the match would place them at a school they did not choose (review of 2026-12-06). A new program
     * at the other school is the way; counts only.
     */
    private void refuseMoveWithApplicants(UUID programId) {
        long chosen = ((Number) store.query("select count(*) from application_choice where program_id = ?", programId)
                .get(0)[0]).longValue();
        if (chosen > 0) {
            throw ProblemException.conflict(EnrollmentProblems.PROGRAM_HAS_APPLICATIONS, chosen + " applicant(s) chose this "
                    + "program at its school; it cannot move to another school (add a program there instead)");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Program get(UUID periodId, UUID id) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        return programs.findInPeriod(periodId, id).orElseThrow(() -> ProblemException.notFound("Program", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Program> list(UUID periodId) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        return programs.listByPeriod(periodId);
    }

    /**
     * The period, read with a lock the close's FOR UPDATE waits for (and waits for), so that no program is added or
     * changed in a period whose window has closed (review of 2026-12-05, third pass: both read it without a lock).
     */
    private static EnrollmentPeriod editablePeriod(java.util.Optional<EnrollmentPeriod> locked, UUID periodId) {
        EnrollmentPeriod period = locked.orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (!period.programsEditable()) {
            throw ProblemException.conflict(EnrollmentProblems.PROGRAMS_LOCKED,
                    "Period " + periodId + " is " + period.status + "; programs change only while DRAFT or OPEN");
        }
        return period;
    }

    /**
     * The body's rules; {@code newSchool} when the program is added or moves to the school, which must then take part
     * (a program kept at its school may still change once the school stops taking part, e.g. its seats).
     */
    private void validate(ProgramData d, boolean newSchool) {
        List<FieldError> errors = new ArrayList<>();
        ParticipatingSchool school = schools.findByIdOptional(d.schoolId()).orElse(null);
        if (school == null) {
            throw ProblemException.unprocessable("School " + d.schoolId() + " is not known to enrollment (no SchoolRegistered event)",
                    new FieldError("schoolId", "unknown school"));
        }
        if (newSchool && !school.takesPart()) {
            errors.add(new FieldError("schoolId", "school " + school.name + " does not take part in enrollment ("
                    + (school.underRevocation ? "under REVOCATION" : school.status) + ")"));
        }
        if (!school.grades.isBlank() && !List.of(school.grades.split(",")).contains(d.grade())) {
            errors.add(new FieldError("grade", "school " + school.name + " serves grades " + school.grades));
        }
        Set<PriorityGroup> seen = new HashSet<>();
        for (int i = 0; i < d.priorityOrder().size(); i++) {
            if (!seen.add(d.priorityOrder().get(i))) {
                errors.add(new FieldError("priorityOrder[" + i + "]", d.priorityOrder().get(i) + " is listed twice"));
            } else if (d.priorityOrder().get(i) == PriorityGroup.GENERAL && i < d.priorityOrder().size() - 1) {
                // everyone qualifies for GENERAL: a group after it would never count (review of 2026-12-06)
                errors.add(new FieldError("priorityOrder[" + i + "]", "GENERAL (everyone) can only come last: the groups after it "
                        + "would never count"));
            }
        }
        int share = 0;
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < d.setAsides().size(); i++) {
            SetAside s = d.setAsides().get(i);
            share += s.sharePercent;
            if (!groups.add(s.group.toUpperCase())) {
                errors.add(new FieldError("setAsides[" + i + "].group", s.group + " has a set-aside already"));
            }
        }
        if (share > 100) {
            errors.add(new FieldError("setAsides", "the shares add up to " + share + "%, more than 100%"));
        }
        if (d.setAsides().size() > 8) {
            errors.add(new FieldError("setAsides", "at most 8 set-asides per program"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(org.portfolio.platform.web.problem.ProblemType.UNPROCESSABLE,
                    errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " problems", errors,
                    java.util.Map.of());
        }
    }

    private void apply(Program p, ProgramData d) {
        p.schoolId = d.schoolId();
        p.grade = d.grade();
        p.name = d.name();
        p.seats = d.seats();
        p.priorityOrder = String.join(",", d.priorityOrder().stream().map(Enum::name).toList());
        p.setAsides.clear();
        d.setAsides().forEach(s -> p.setAsides.add(new SetAside(s.group.toUpperCase(), s.sharePercent)));
        p.eligibleZones = String.join(",", d.eligibleZones());
        p.updatedAt = clock.instant();
    }
}
