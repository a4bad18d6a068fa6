package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.enrollment.domain.Application;
import org.portfolio.enrollment.domain.ChoiceOutcome;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.Lottery;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.SeatBlock;
import org.portfolio.enrollment.domain.WaitlistEntry;
import org.portfolio.enrollment.repository.ApplicationRepository;
import org.portfolio.enrollment.repository.MatchStore;
import org.portfolio.enrollment.repository.OfferRepository;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.enrollment.repository.WaitlistRepository;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Read side of a match: an applicant's result with explanations, waitlists, program statistics. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ResultService {

    @Inject
    PeriodRepository periods;
    @Inject
    ProgramRepository programs;
    @Inject
    ApplicationRepository applications;
    @Inject
    OfferRepository offers;
    @Inject
    WaitlistRepository waitlists;
    @Inject
    ParticipatingSchoolRepository schools;
    @Inject
    MatchStore store;

    /** One choice of an applicant with its outcome and why. */
    public record ChoiceResult(int rank, UUID programId, String programName, UUID schoolId, ChoiceOutcome outcome,
                               PriorityGroup priorityGroup, Long waitlistPosition, String explanation) {
    }

    public record ApplicantResult(UUID periodId, UUID applicantId, PeriodStatus periodStatus, Double lottery, Offer offer,
                                  List<Offer> history, List<ChoiceResult> choices) {
    }

    public record Statistics(Program program, String schoolName, int seats, int applicants, int firstChoices, Integer offers,
                             long offeredNow, long acceptedNow, long waiting, boolean participating, List<SeatBlock> blocks) {
    }

    public ApplicantResult result(UUID periodId, UUID applicantId) {
        EnrollmentPeriod period = matched(periodId);
        Application app = applications.find(periodId, applicantId)
                .orElseThrow(() -> ProblemException.notFound("Application of applicant", applicantId));
        List<Offer> history = offers.history(periodId, applicantId);
        Offer live = history.stream().filter(o -> o.status.live()).reduce((a, b) -> b).orElse(null);
        Double lottery = period.lotterySeed == null ? null : Lottery.number(period.lotterySeed, applicantId);
        Map<UUID, WaitlistEntry> waiting = new HashMap<>();
        waitlists.ofApplicant(periodId, applicantId).forEach(w -> waiting.put(w.programId, w));
        Map<UUID, List<SeatBlock>> blocks = store.blocks(periodId);
        Map<UUID, ParticipatingSchool> bySchool = new HashMap<>();
        schools.listAll().forEach(s -> bySchool.put(s.schoolId, s));
        Map<UUID, Boolean> participated = new HashMap<>();
        for (Object[] r : store.query("select program_id, participating from program_statistics where period_id = ?", periodId)) {
            participated.put((UUID) r[0], (Boolean) r[1]);
        }
        List<ChoiceResult> out = new ArrayList<>();
        boolean belowOffer = false;
        for (int i = 0; i < app.choices.size(); i++) {
            UUID pid = app.choices.get(i);
            Program p = programs.findById(pid);
            int rank = i + 1;
            WaitlistEntry w = waiting.get(pid);
            ChoiceOutcome outcome;
            PriorityGroup group = w != null ? PriorityGroup.valueOf(w.priorityGroup) : null;
            Long position = null;
            String why;
            if (live != null && live.programId.equals(pid)) {
                outcome = ChoiceOutcome.OFFERED;
                group = PriorityGroup.valueOf(live.priorityGroup);
                why = !live.source.equals(Offer.FROM_WAITLIST) ? "offered by the match"
                        : live.status == org.portfolio.enrollment.domain.OfferStatus.ACCEPTED && live.createdAt.equals(live.respondedAt)
                        ? "moved up from the waitlist, accepted as the seat it replaced was" : "offered from the waitlist";
                belowOffer = true;
            } else if (belowOffer) {
                outcome = ChoiceOutcome.NOT_CONSIDERED;
                why = "ranked below the offer: deferred acceptance offers the best choice the applicant can have";
            } else if (Boolean.FALSE.equals(participated.get(pid))) {
                outcome = ChoiceOutcome.SCHOOL_NOT_PARTICIPATING;
                why = "the school did not take part in this round (not open, or under REVOCATION)";
            } else if (w != null) {
                outcome = switch (w.status) {
                    case WaitlistEntry.WAITING -> ChoiceOutcome.WAITLISTED;
                    case WaitlistEntry.OFFERED -> ChoiceOutcome.OFFER_RELEASED;
                    case WaitlistEntry.CLOSED -> ChoiceOutcome.WAITLIST_CLOSED;
                    default -> ChoiceOutcome.LEFT_WAITLIST;
                };
                if (WaitlistEntry.WAITING.equals(w.status)) {
                    position = waitlists.position(w);
                }
                why = explain(p, blocks.getOrDefault(pid, List.of()), w);
                ParticipatingSchool school = bySchool.get(p.schoolId);
                if (WaitlistEntry.WAITING.equals(w.status) && (school == null || !school.takesPart())) {
                    // the list of a school that stopped taking part gives no seat (eighth pass): a family saw a place
                    // that would never move, with nothing saying why
                    why += "; the school is not taking part in enrollment now (not open, or under REVOCATION): "
                            + "this waitlist gives no seat unless it takes part again";
                }
            } else {
                outcome = ChoiceOutcome.NOT_CONSIDERED;
                why = history.isEmpty() ? "no offer" : endedHere(history, pid);
            }
            out.add(new ChoiceResult(rank, pid, p.name, p.schoolId, outcome, group, position, why));
        }
        return new ApplicantResult(periodId, applicantId, period.status, lottery, live, history, out);
    }

    /**
     * Why a choice with no waitlist place and no live offer was not considered: the offer the applicant had there and
     * what became of it (review of 2026-12-06: a declined one read "ranked below an earlier offer"), or else that it
     * was ranked below an offer.
     */
    private static String endedHere(List<Offer> history, UUID programId) {
        Offer here = history.stream().filter(o -> o.programId.equals(programId)).reduce((a, b) -> b).orElse(null);
        if (here == null) {
            return "ranked below an earlier offer";
        }
        return switch (here.status) {
            case DECLINED -> "the offer here was declined";
            case EXPIRED -> "the offer here expired unanswered";
            case RELEASED -> "the offer here was released for an offer at a choice ranked higher";
            default -> "ranked below an earlier offer";
        };
    }

    /**
     * "full: last seat went to group ZONE, lottery 0.0731; yours: GENERAL, 0.4410" for the open seats. A set-aside's
     * block says how it filled without anyone's number or membership: "FRL set-aside seats full: every seat went to an
     * applicant ranked ahead of you (FRL members first, then the program's priority groups and lottery); yours: FRL
     * member, GENERAL, 0.4410", the same words whoever took the seats. Its cutoff (the last admitted's group and lottery
     * number) is not shown to a family: families share their numbers, and a set-aside's cutoff next to another's, or
     * next to the open seats', tells which child holds a membership (FRL, ELL, IEP; hostile reads of the seventh and
     * eleventh passes). The statistics keep the cutoffs for the school's leader and the district's offices.
     */
    static String explain(Program p, List<SeatBlock> blocks, WaitlistEntry w) {
        StringBuilder sb = new StringBuilder();
        for (SeatBlock b : blocks) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            String label = b.block() == 0 ? (blocks.size() > 1 ? "open seats " : "") : b.group() + " set-aside seats ";
            if (b.seats() == 0) {
                sb.append(label).append("none this round");
                continue;
            }
            if (b.cutoffGroup() == null) {
                sb.append(label).append("not full at the match");
                continue;
            }
            if (b.block() == 0) {
                int digits = digits(b.cutoffLottery(), w.lottery);
                sb.append(label).append("full: last seat went to group ").append(b.cutoffGroup()).append(", lottery ")
                        .append(fmt(b.cutoffLottery(), digits)).append("; yours: ").append(w.priorityGroup).append(", ")
                        .append(fmt(w.lottery, digits));
                continue;
            }
            boolean member = (w.reserveMask & (1 << (b.block() - 1))) != 0;
            sb.append(label).append("full").append(setAsideFill(b)).append("; yours: ")
                    .append(member ? b.group() + " member, " : "not " + b.group() + ", ")
                    .append(w.priorityGroup).append(", ").append(fmt(w.lottery, 4));
        }
        return sb.toString();
    }

    /**
     * A full set-aside as a family reads it: the same words whoever took its seats. An applicant with a waitlist place
     * was turned away by the match, and deferred acceptance leaves every seat of a full block to an applicant that
     * block ranks ahead of it (members first, then the program's priority order, then lottery): true "at the match",
     * whoever took the seats, so it tells nothing about the last admitted (a seat offered from the waitlist since,
     * declined and given on, may have gone to someone behind). A version that said "ranked ahead" only when it could
     * see so from the enum's order of priority groups, not the program's, spoke or kept silent depending on whether the
     * last admitted was a member (hostile read of the twelfth pass: a program ranking ZONE before SIBLING gave a
     * non-member SIBLING applicant different words for an FRL and a non-FRL holder of a one-seat set-aside).
     */
    private static String setAsideFill(SeatBlock b) {
        return ": at the match every seat went to an applicant ranked ahead of you (" + b.group()
                + " members first, then the program's priority groups and lottery)";
    }

    /**
     * Decimals that tell the two numbers apart: 4, or more when they would read the same ("last seat 0.4410; yours
     * 0.4410", review of 2026-12-06). 17 tell any two numbers of the lottery apart (multiples of 2^-53).
     */
    private static int digits(Double last, double yours) {
        int digits = 4;
        while (last != null && last != yours && digits < 17 && fmt(last, digits).equals(fmt(yours, digits))) {
            digits++;
        }
        return digits;
    }

    private static String fmt(Double d, int digits) {
        return d == null ? "?" : String.format(Locale.ROOT, "%." + digits + "f", d);
    }

    /** Statistics per program: live applicant counts during the window; the match figures once matched. */
    public List<Statistics> statistics(UUID periodId, java.util.function.Predicate<UUID> schoolFilter) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        Map<UUID, int[]> live = new HashMap<>();
        for (Object[] r : store.query("""
                select c.program_id, count(*), count(*) filter (where c.rank = 0)
                from application a join application_choice c on c.application_id = a.id
                where a.period_id = ? and a.status = 'SUBMITTED' group by c.program_id""", periodId)) {
            live.put((UUID) r[0], new int[] {((Number) r[1]).intValue(), ((Number) r[2]).intValue()});
        }
        Map<UUID, Object[]> matched = new HashMap<>();
        for (Object[] r : store.query("select program_id, seats, applicants, first_choices, offers, participating from program_statistics where period_id = ?", periodId)) {
            matched.put((UUID) r[0], r);
        }
        Map<UUID, long[]> now = new HashMap<>();
        for (Object[] r : store.query("""
                select program_id, count(*) filter (where status = 'OFFERED'), count(*) filter (where status = 'ACCEPTED')
                from offer where period_id = ? group by program_id""", periodId)) {
            now.put((UUID) r[0], new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()});
        }
        Map<UUID, Long> waiting = new HashMap<>();
        for (Object[] r : store.query("select program_id, count(*) from waitlist_entry where period_id = ? and status = 'WAITING' group by program_id", periodId)) {
            waiting.put((UUID) r[0], ((Number) r[1]).longValue());
        }
        Map<UUID, List<SeatBlock>> blocks = store.blocks(periodId);
        Map<UUID, ParticipatingSchool> bySchool = new HashMap<>();
        schools.listAll().forEach(s -> bySchool.put(s.schoolId, s));
        List<Statistics> out = new ArrayList<>();
        for (Program p : programs.listByPeriod(periodId)) {
            if (!schoolFilter.test(p.schoolId)) {
                continue;
            }
            ParticipatingSchool s = bySchool.get(p.schoolId);
            Object[] m = matched.get(p.id);
            int[] l = live.getOrDefault(p.id, new int[2]);
            long[] n = now.getOrDefault(p.id, new long[2]);
            out.add(m == null
                    ? new Statistics(p, s == null ? null : s.name, p.seats, l[0], l[1], null, 0, 0, 0, s != null && s.takesPart(), List.of())
                    : new Statistics(p, s == null ? null : s.name, (Integer) m[1], (Integer) m[2], (Integer) m[3], (Integer) m[4],
                    n[0], n[1], waiting.getOrDefault(p.id, 0L), (Boolean) m[5], blocks.getOrDefault(p.id, List.of())));
        }
        return out;
    }

    public List<WaitlistEntry> waitlist(UUID periodId, UUID programId, int page, int size) {
        matched(periodId);
        programs.findInPeriod(periodId, programId).orElseThrow(() -> ProblemException.notFound("Program", programId));
        return waitlists.waiting(programId, page, size);
    }

    public long waitlistSize(UUID programId) {
        return waitlists.countWaiting(programId);
    }

    private EnrollmentPeriod matched(UUID periodId) {
        EnrollmentPeriod period = periods.findByIdOptional(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status != PeriodStatus.MATCHED && period.status != PeriodStatus.PUBLISHED) {
            throw ProblemException.conflict(EnrollmentProblems.NOT_PUBLISHED, "Period " + periodId + " is " + period.status + "; it has no match results yet");
        }
        return period;
    }
}
