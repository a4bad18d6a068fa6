package org.portfolio.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.enrollment.domain.OfferStatus;
import org.portfolio.enrollment.domain.PeriodStatus;
import org.portfolio.enrollment.domain.WaitlistEntry;
import org.portfolio.enrollment.domain.ParticipatingSchool;
import org.portfolio.enrollment.repository.OfferRepository;
import org.portfolio.enrollment.repository.ParticipatingSchoolRepository;
import org.portfolio.enrollment.repository.PeriodRepository;
import org.portfolio.enrollment.repository.ProgramRepository;
import org.portfolio.enrollment.repository.WaitlistRepository;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Offers after publication: accept, decline, expiry, and the waitlist movement a freed seat sets off. A freed seat
 * goes to the best applicant waiting at its program (by the seat block's order); that applicant's previous offer
 * (at a choice it ranked lower) is released and its seat moves on in turn, and the applicant leaves the waitlists of
 * the programs it ranked below its new offer. Seats of a school that no longer takes part are not offered again.
 */
@ApplicationScoped
@Transactional
public class OfferService {

    /** The one clock of every time this service records or decides by (a test moves it; platform-web's ClockProducer). */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(OfferService.class);

    @Inject
    PeriodRepository periods;
    @Inject
    OfferRepository offers;
    @Inject
    WaitlistRepository waitlists;
    @Inject
    ProgramRepository programs;
    @Inject
    ParticipatingSchoolRepository schools;

    /** What a response changed: the offer, and the offers made from waitlists as a result. */
    public record Outcome(Offer offer, List<Offer> moved) {
    }

    public Outcome accept(UUID periodId, UUID offerId) {
        EnrollmentPeriod period = published(periodId);
        Offer o = offers.findInPeriodForUpdate(periodId, offerId).orElseThrow(() -> ProblemException.notFound("Offer", offerId));
        if (o.status != OfferStatus.OFFERED) {
            throw ProblemException.conflict(EnrollmentProblems.OFFER_CLOSED, "Offer " + offerId + " is " + o.status + "; only an OFFERED offer can be accepted");
        }
        if (clock.instant().isAfter(o.deadline)) {
            throw ProblemException.conflict(EnrollmentProblems.OFFER_CLOSED, "Offer " + offerId + " expired at " + o.deadline);
        }
        o.status = OfferStatus.ACCEPTED;
        o.respondedAt = clock.instant();
        period.touch(clock.instant());
        return new Outcome(o, List.of());
    }

    /** Declines an offered or accepted seat; the applicant leaves its waitlists too unless it asks to stay on them. */
    public Outcome decline(UUID periodId, UUID offerId, boolean stayOnWaitlists) {
        EnrollmentPeriod period = published(periodId);
        Offer o = offers.findInPeriodForUpdate(periodId, offerId).orElseThrow(() -> ProblemException.notFound("Offer", offerId));
        if (!o.status.live()) {
            throw ProblemException.conflict(EnrollmentProblems.OFFER_CLOSED, "Offer " + offerId + " is " + o.status + "; it cannot be declined");
        }
        if (o.status == OfferStatus.OFFERED && clock.instant().isAfter(o.deadline)) {
            // expired, whether or not the job has marked it yet: a late decline keeps no waitlist place (third pass)
            throw ProblemException.conflict(EnrollmentProblems.OFFER_CLOSED, "Offer " + offerId + " expired at " + o.deadline);
        }
        o.status = OfferStatus.DECLINED;
        o.respondedAt = clock.instant();
        if (!stayOnWaitlists) {
            waitlists.removeBelow(periodId, o.applicantId, 0);
        }
        offers.flush();
        return new Outcome(o, fill(period, o.programId, o.block));
    }

    /** What one batch of the expiry did: the waitlist offers it made, and whether overdue offers were left for the next. */
    public record Expiry(List<Offer> made, boolean more) {
    }

    /**
     * Expires at most about {@code max} of the OFFERED offers whose deadline passed, the longest overdue first; each seat
     * moves on to the waitlist. One batch is one transaction holding the period: {@link OfferExpiryJob} runs batches
     * until none is left, so an offer answered, or an application to the next round, waits for one batch and not for
     * the whole round's expiry (every offer of a round falls due at once: in one transaction the enrollment benchmark's
     * 11,479 overdue offers passed the transaction timeout after 60 s and were rolled back, every time; twenty-second
     * pass). The offers a freed seat's waitlist walk expires on its way (holders whose own offer is overdue)
     * count towards the batch too (hostile read of the pass, M3): a walk begun is finished, so a seat is never left
     * unoffered, and no new one begins once the batch has expired {@code max}.
     */
    public Expiry expireOverdue(UUID periodId, int max) {
        return expireOverdue(periodId, max, List.of());
    }

    /** As {@link #expireOverdue(UUID, int)}, leaving out the offers {@code skipping} names (their expiry failed). */
    public Expiry expireOverdue(UUID periodId, int max, java.util.Collection<UUID> skipping) {
        EnrollmentPeriod period = published(periodId);
        List<Offer> due = offers.overdue(periodId, clock.instant(), max + 1, skipping);
        List<Offer> moved = new ArrayList<>();
        int[] expired = {0};
        boolean spent = false;
        for (Offer o : due.subList(0, Math.min(max, due.size()))) {
            if (expired[0] >= max) {
                spent = true;
                break;
            }
            if (o.status != OfferStatus.OFFERED) {
                // an earlier expiry's seat reached this applicant, whose overdue offer then expired there and its seat
                // moved on already (third pass of 2026-12-05: it was expired again and its seat offered a second time)
                continue;
            }
            expire(period, o);
            expired[0]++;
            moved.addAll(fill(period, o.programId, o.block, expired));
        }
        return new Expiry(moved, spent || due.size() > max);
    }

    /** The longest overdue OFFERED offer of the period that {@code skipping} does not name: the next a batch expires first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public java.util.Optional<UUID> firstOverdue(UUID periodId, java.util.Collection<UUID> skipping) {
        return offers.overdue(periodId, clock.instant(), 1, skipping).stream().map(o -> o.id).findFirst();
    }

    /**
     * The PUBLISHED periods with an offer past its deadline now: the scheduler expires each in a transaction of its own
     * ({@link OfferExpiryJob}), which locks the period before it reads the offers.
     */
    public List<UUID> periodsWithOverdueOffers() {
        return offers.periodsWithOverdue(clock.instant());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Offer> list(UUID periodId, OfferStatus status, int page, int size) {
        if (periods.findByIdOptional(periodId).isEmpty()) {
            throw ProblemException.notFound("Period", periodId);
        }
        var q = status == null ? offers.find("periodId = ?1 order by createdAt, id", periodId)
                : offers.find("periodId = ?1 and status = ?2 order by createdAt, id", periodId, status);
        return new Page<>(q.page(page, size).list(), page, size, q.count());
    }

    /** A seat of a program's block (0 = open seats, k = set-aside k-1). */
    private record Seat(UUID programId, int block) {
    }

    /** Offers the freed seat (and each seat that frees in turn) to the next applicant waiting. */
    private List<Offer> fill(EnrollmentPeriod period, UUID programId, int block) {
        return fill(period, programId, block, new int[1]);
    }

    /** As {@link #fill(EnrollmentPeriod, UUID, int)}, counting in {@code expired[0]} the overdue offers it expires. */
    private List<Offer> fill(EnrollmentPeriod period, UUID programId, int block, int[] expired) {
        List<Offer> made = new ArrayList<>();
        Deque<Seat> seats = new ArrayDeque<>();
        seats.add(new Seat(programId, block));
        Instant deadline = clock.instant().plus(Duration.ofHours(period.waitlistResponseHours));
        while (!seats.isEmpty()) {
            Seat seat = seats.poll();
            if (!takesPart(seat.programId())) {
                // a school that closes or is under REVOCATION takes no new applicants: its freed seat stays unoffered,
                // and nobody's seat elsewhere is released for it (review of 2026-12-06)
                continue;
            }
            WaitlistEntry next = nextNotOverdue(period, seat, seats, expired);
            if (next == null) {
                continue;
            }
            next.status = WaitlistEntry.OFFERED;
            Offer previous = offers.findLive(period.id, next.applicantId).orElse(null);
            // a family that accepted a seat and stays on the waitlist of a choice it ranked higher is moved there with
            // its seat accepted: it is not asked again, and cannot end with no seat by missing a deadline it did not
            // know of (review of the twenty-fifth pass, E3: the accepted seat was released at once, and the new offer
            // expired unanswered, leaving the child with none)
            boolean accepted = previous != null && previous.status == OfferStatus.ACCEPTED;
            if (previous != null) {
                previous.status = OfferStatus.RELEASED;
                previous.respondedAt = clock.instant();
                offers.flush();
                seats.add(new Seat(previous.programId, previous.block));
            }
            waitlists.removeBelow(period.id, next.applicantId, next.choiceRank);
            Offer o = new Offer();
            o.id = UUID.randomUUID();
            o.periodId = period.id;
            o.applicantId = next.applicantId;
            o.programId = seat.programId();
            o.choiceRank = next.choiceRank;
            o.block = seat.block();
            o.priorityGroup = next.priorityGroup;
            o.lottery = next.lottery;
            o.source = Offer.FROM_WAITLIST;
            o.status = accepted ? OfferStatus.ACCEPTED : OfferStatus.OFFERED;
            // an accepted seat keeps the deadline it was accepted by: it asks nothing of the family (the pass's read, R6)
            o.deadline = accepted ? previous.deadline : deadline;
            o.createdAt = clock.instant();
            o.respondedAt = accepted ? o.createdAt : null;
            offers.persist(o);
            offers.flush();
            made.add(o);
        }
        if (!made.isEmpty()) {
            LOG.infof("Period %s: %d offer(s) made from waitlists", period.id, made.size());
        }
        return made;
    }

    /**
     * The best applicant waiting for the seat whose offer, if it holds one, is not overdue. An applicant whose OFFERED
     * offer has passed its deadline is not offered a better seat with a fresh deadline: its offer expires here, as the
     * sweep would expire it, the applicant leaves its waitlists, and its seat is queued to move on (review of
     * 2026-12-06: it was RELEASED instead, whenever another expiry or a decline reached it before the sweep did).
     */
    private WaitlistEntry nextNotOverdue(EnrollmentPeriod period, Seat seat, Deque<Seat> seats, int[] expired) {
        while (true) {
            WaitlistEntry next = waitlists.next(seat.programId(), seat.block()).orElse(null);
            if (next == null) {
                return null;
            }
            Offer held = offers.findLive(period.id, next.applicantId).orElse(null);
            if (held == null || held.status != OfferStatus.OFFERED || !clock.instant().isAfter(held.deadline)) {
                return next;
            }
            expire(period, held);
            expired[0]++;
            seats.add(new Seat(held.programId, held.block));
        }
    }

    private boolean takesPart(UUID programId) {
        ParticipatingSchool school = schools.findById(programs.findById(programId).schoolId);
        return school != null && school.takesPart();
    }

    private void expire(EnrollmentPeriod period, Offer o) {
        o.status = OfferStatus.EXPIRED;
        o.respondedAt = clock.instant();
        waitlists.removeBelow(period.id, o.applicantId, 0);
        offers.flush();
    }

    private EnrollmentPeriod published(UUID periodId) {
        EnrollmentPeriod period = periods.findForUpdate(periodId).orElseThrow(() -> ProblemException.notFound("Period", periodId));
        if (period.status != PeriodStatus.PUBLISHED) {
            throw ProblemException.conflict(EnrollmentProblems.NOT_PUBLISHED,
                    "Period " + periodId + " is " + period.status + "; offers are answered once the results are PUBLISHED");
        }
        return period;
    }
}
