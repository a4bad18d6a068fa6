package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.Lottery;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SetAside;
import org.portfolio.enrollment.repository.MatchRunRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

/** Periods (rounds) and their state machine: DRAFT → OPEN ⇄ CLOSED → MATCHED → PUBLISHED (MATCHED → CLOSED discards). */
@ApplicationScoped
@Transactional
public class PeriodService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    @Inject
    PeriodRepository periods;
    @Inject
    ProgramRepository programs;
    @Inject
    MatchRunRepository matchRuns;
    @Inject
    org.portfolio.enrollment.repository.MatchStore store;

    public record PeriodData(String name, String schoolYear, int maxChoices, Instant applicationsOpenAt,
                             Instant applicationsCloseAt, Instant offerDeadline, Integer waitlistResponseHours) {
    }

    public EnrollmentPeriod create(PeriodData d) {
        checkDates(d);
        EnrollmentPeriod p = new EnrollmentPeriod();
        p.id = UUID.randomUUID();
        p.round = 1;
        p.status = PeriodStatus.DRAFT;
        p.createdAt = clock.instant();
        apply(p, d);
        periods.persist(p);
        return p;
    }

    public EnrollmentPeriod update(UUID id, String ifMatch, PeriodData d) {
        // FOR UPDATE: submissions (FOR SHARE) wait for a change of maxChoices, so none is checked against the old one
        EnrollmentPeriod p = lock(id);
        EntityTags.checkIfMatch(ifMatch, p.version);
        if ((p.status == PeriodStatus.CLOSED || p.status == PeriodStatus.MATCHED) && onlyTheOfferDeadlineMoves(p, d)) {
            // until publication the offer deadline may move (a match run late must not go out with a deadline passed)
            if (!d.offerDeadline().isAfter(clock.instant())
                    || (p.applicationsCloseAt != null && !d.offerDeadline().isAfter(p.applicationsCloseAt))) {
                throw ProblemException.unprocessable("The offer deadline must be in the future and after the window closes",
                        new FieldError("offerDeadline", "must be in the future and after applicationsCloseAt"));
            }
            p.offerDeadline = d.offerDeadline();
            p.touch(clock.instant());
            periods.flush();
            return p;
        }
        if (!p.programsEditable()) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION,
                    "Period " + id + " is " + p.status + "; it can be edited while DRAFT or OPEN");
        }
        checkDates(d);
        if (d.maxChoices() < p.maxChoices) {
            refuseFewerChoicesThanApplicationsRank(p, d.maxChoices());
        }
        apply(p, d);
        periods.flush();
        return p;
    }

    /**
     * 409 when a submitted application ranks more programs than the new maxChoices: it keeps its choices and the match
     * reads them all, so that family would have more chances than the period allows (review of 2026-12-06). Counts only.
     */
    private void refuseFewerChoicesThanApplicationsRank(EnrollmentPeriod p, int maxChoices) {
        long longest = ((Number) store.query("""
                select coalesce(max(n), 0) from (select count(*) n from application_choice c
                join application a on a.id = c.application_id where a.period_id = ? group by c.application_id) t""", p.id)
                .get(0)[0]).longValue();
        if (longest > maxChoices) {
            throw ProblemException.conflict(EnrollmentProblems.MAX_CHOICES_BELOW_APPLICATIONS, "A submitted application ranks "
                    + longest + " choices; maxChoices cannot go below that while it does (the applications change first)");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EnrollmentPeriod get(UUID id) {
        return periods.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Period", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EnrollmentPeriod> list(int page, int size) {
        var q = periods.findAll(io.quarkus.panache.common.Sort.by("createdAt").descending().and("id"));
        return new Page<>(q.page(page, size).list(), page, size, q.count());
    }

    /**
     * DRAFT or CLOSED → OPEN. Reopening keeps the seed recorded at the first close: it is final for the period, so that
     * nobody who has seen a match can discard it, reopen and close again to draw a lottery they like better. A period
     * that has been matched never reopens (its results were seen: new or changed applications could steer a rerun);
     * a discarded match can only be rerun on the same applications, and every run is published with the round.
     */
    public EnrollmentPeriod open(UUID id) {
        EnrollmentPeriod p = lock(id);
        if (p.status != PeriodStatus.DRAFT && p.status != PeriodStatus.CLOSED) {
            throw transition(p, "open", "DRAFT or CLOSED");
        }
        if (matchRuns.anyRun(id)) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION, "Period " + id
                    + " has been matched: its applications are final (a discarded match can be rerun, and every run is published)");
        }
        if (programs.count("periodId", id) == 0) {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION, "Period " + id + " has no programs to apply to");
        }
        p.status = PeriodStatus.OPEN;
        p.touch(clock.instant());
        return p;
    }

    /**
     * OPEN → CLOSED: applications are frozen, and so is each school's zone (a re-run reads the zones as they stood at
     * the close, as it reads the applicants' fields: an edit of the registry between a discarded run and its re-run
     * cannot move ZONE priority). The first close draws and records the lottery seed (its SHA-256 shown, the seed kept
     * secret until publication); a later close after a reopening keeps it.
     */
    public EnrollmentPeriod close(UUID id) {
        EnrollmentPeriod p = lock(id);
        if (p.status != PeriodStatus.OPEN) {
            throw transition(p, "close", "OPEN");
        }
        p.status = PeriodStatus.CLOSED;
        store.freezeSchoolZones(id);
        if (p.lotterySeed == null) {
            p.lotterySeed = Lottery.newSeed();
            p.lotterySeedSha256 = Lottery.sha256(p.lotterySeed);
            p.seedRecordedAt = clock.instant();
        }
        p.touch(clock.instant());
        return p;
    }

    /** "<name> — round N", the name cut so that the whole fits the column (200 characters). */
    public static String roundName(String previous, int round) {
        String suffix = " — round " + round;
        // in characters, as the name's maxLength counts them (nineteenth pass: cut by UTF-16 units, a name of emoji
        // lost half its length and kept half of one)
        int room = 200 - suffix.length();
        return (previous.codePointCount(0, previous.length()) > room
                ? previous.substring(0, previous.offsetByCodePoints(0, room)) : previous) + suffix;
    }

    /** From a PUBLISHED period: the next round (DRAFT) with the same programs; seats are what this round leaves. */
    public EnrollmentPeriod nextRound(UUID id, PeriodData d) {
        EnrollmentPeriod prev = lock(id);
        if (prev.status != PeriodStatus.PUBLISHED) {
            throw transition(prev, "start a next round from", "PUBLISHED");
        }
        periods.findNextRound(id).ifPresent(n -> {
            throw ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION, "Period " + id + " already has its next round " + n.id);
        });
        checkDates(d);
        EnrollmentPeriod p = new EnrollmentPeriod();
        p.id = UUID.randomUUID();
        p.round = prev.round + 1;
        p.previousPeriodId = prev.id;
        p.status = PeriodStatus.DRAFT;
        p.createdAt = clock.instant();
        apply(p, new PeriodData(d.name() == null ? roundName(prev.name, p.round) : d.name(),
                prev.schoolYear, d.maxChoices(), d.applicationsOpenAt(), d.applicationsCloseAt(), d.offerDeadline(),
                d.waitlistResponseHours()));
        periods.persist(p);
        for (Program src : programs.listByPeriod(prev.id)) {
            Program c = new Program();
            c.id = UUID.randomUUID();
            c.periodId = p.id;
            c.schoolId = src.schoolId;
            c.grade = src.grade;
            c.name = src.name;
            c.seats = src.seats;
            c.priorityOrder = src.priorityOrder;
            c.eligibleZones = src.eligibleZones;
            c.setAsides = new ArrayList<>(src.setAsides.stream().map(s -> new SetAside(s.group, s.sharePercent)).toList());
            c.sourceProgramId = src.id;
            c.createdAt = clock.instant();
            c.updatedAt = c.createdAt;
            programs.persist(c);
        }
        return p;
    }

    private EnrollmentPeriod lock(UUID id) {
        return periods.findForUpdate(id).orElseThrow(() -> ProblemException.notFound("Period", id));
    }

    private static ProblemException transition(EnrollmentPeriod p, String what, String from) {
        return ProblemException.conflict(EnrollmentProblems.INVALID_TRANSITION,
                "Cannot " + what + " period " + p.id + ": it is " + p.status + " (must be " + from + ")");
    }

    private static void checkDates(PeriodData d) {
        if (d.applicationsOpenAt() != null && d.applicationsCloseAt() != null
                && !d.applicationsCloseAt().isAfter(d.applicationsOpenAt())) {
            throw ProblemException.unprocessable("The window must close after it opens",
                    new FieldError("applicationsCloseAt", "must be after applicationsOpenAt"));
        }
        if (d.applicationsCloseAt() != null && d.offerDeadline() != null && !d.offerDeadline().isAfter(d.applicationsCloseAt())) {
            throw ProblemException.unprocessable("Offers must be answered after the window closes",
                    new FieldError("offerDeadline", "must be after applicationsCloseAt"));
        }
    }

    private static boolean onlyTheOfferDeadlineMoves(EnrollmentPeriod p, PeriodData d) {
        int hours = d.waitlistResponseHours() == null ? 72 : d.waitlistResponseHours();
        return java.util.Objects.equals(p.name, d.name()) && java.util.Objects.equals(p.schoolYear, d.schoolYear())
                && p.maxChoices == d.maxChoices() && java.util.Objects.equals(p.applicationsOpenAt, d.applicationsOpenAt())
                && java.util.Objects.equals(p.applicationsCloseAt, d.applicationsCloseAt()) && p.waitlistResponseHours == hours
                && d.offerDeadline() != null;
    }

    private void apply(EnrollmentPeriod p, PeriodData d) {
        p.name = d.name();
        p.schoolYear = d.schoolYear();
        p.maxChoices = d.maxChoices();
        p.applicationsOpenAt = d.applicationsOpenAt();
        p.applicationsCloseAt = d.applicationsCloseAt();
        p.offerDeadline = d.offerDeadline();
        p.waitlistResponseHours = d.waitlistResponseHours() == null ? 72 : d.waitlistResponseHours();
        p.touch(clock.instant());
    }
}
