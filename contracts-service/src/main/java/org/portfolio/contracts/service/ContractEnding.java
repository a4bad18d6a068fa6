package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.events.ContractEnded;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.LocalDate;
import java.util.UUID;

import static org.portfolio.contracts.service.ContractChecks.requireStatus;

/**
 * An ACTIVE contract ends: non-renewal (at term end or earlier) and termination (now or on a later date within the
 * term), the school's closure, and expiry at term end or on a decided date (the expiry job). An open intervention
 * closes with it. (Renewal, which also ends a contract, is {@link ContractActivation}.)
 */
@ApplicationScoped
@Transactional
public class ContractEnding {

    @Inject
    ContractRepository contracts;

    @Inject
    ContractQueries queries;

    @Inject
    InterventionService interventions;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    /** Non-renewal: the contract ends as NON_RENEWED at the end of its term, or on an earlier date given. */
    public void nonRenew(UUID id, String ifMatch, String reason, LocalDate effectiveDate, String actor) {
        Contract c = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "non-renewed");
        if (c.scheduledEndAs != null) {
            throw ProblemException.conflict(ContractProblems.CONTRACT_STATUS_CONFLICT, "Contract " + id
                    + " is already to end as " + c.scheduledEndAs + " on " + c.scheduledEndDate);
        }
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        LocalDate date = effectiveDate != null ? effectiveDate : termEnd;
        endOrSchedule(c, ContractStatus.NON_RENEWED, reason, date, termEnd, actor);
    }

    /** Termination: now, or on a later date within the term. A termination replaces a decided non-renewal. */
    public void terminate(UUID id, String ifMatch, String reason, LocalDate effectiveDate, String actor) {
        Contract c = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        requireStatus(c, ContractStatus.ACTIVE, "terminated");
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        if (effectiveDate == null) {
            endNow(c, ContractStatus.TERMINATED, reason, calendar.today(), actor); // "now": not even through today
            return;
        }
        endOrSchedule(c, ContractStatus.TERMINATED, reason, effectiveDate, termEnd, actor);
    }

    /**
     * The school closed: its ACTIVE contract is terminated at once. The caller holds the school's lock; the contract is
     * locked too, as the accountability clock and the expiry job lock it (hostile review of the twentieth pass: read
     * unlocked, a change of theirs committed in between made the closure a 409).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void terminateForClosure(UUID schoolId, String reason, LocalDate effectiveDate, String actor) {
        // locked and read again: the decision's evidence may have loaded it before the lock, as it was then
        contracts.findActiveBySchool(schoolId).ifPresent(c -> {
            contracts.getEntityManager().refresh(c, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (c.status == ContractStatus.ACTIVE) {
                // a closure dated before the contract held ends it as of its first day, not before it began (C4)
                LocalDate firstDay = ContractChecks.firstDay(c, calendar);
                endNow(c, ContractStatus.TERMINATED, reason, effectiveDate.isBefore(firstDay) ? firstDay : effectiveDate, actor);
            }
        });
    }

    /** Ends the contract if its decided last day or its term's has passed; called by the expiry job, one contract per call. */
    public boolean endIfDue(UUID id) {
        // locked, so a second replica running the job at the same moment waits and then finds it ended (review of
        // 2026-12-06, eighth pass: read unlocked, the loser's update failed on the version and logged an ERROR)
        Contract c = contracts.lock(id);
        if (c == null || c.status != ContractStatus.ACTIVE) {
            return false;
        }
        LocalDate today = calendar.today();
        // a decided end's date is the contract's last day, as a term's last day is: it holds through that day and ends
        // the night after (hostile review of 2026-12-05, sixth pass: it ended on that day, so a non-renewal at the
        // term's end took the school's autonomy a day before an expiry would have, and an intervention step could
        // count from a day the contract no longer held)
        if (c.scheduledEndDate != null && c.scheduledEndDate.isBefore(today)) {
            endNow(c, c.scheduledEndAs, c.scheduledEndReason, c.scheduledEndDate, c.scheduledEndBy);
            return true;
        }
        LocalDate termEnd = calendar.lastDayOf(c.termEnd());
        if (termEnd.isBefore(today)) {
            endNow(c, ContractStatus.EXPIRED, "The term " + c.termStartYear + " to " + c.termEndYear + " ended on " + termEnd,
                    termEnd, EvaluationService.SYSTEM);
            return true;
        }
        return false;
    }

    private void endOrSchedule(Contract c, ContractStatus as, String reason, LocalDate date, LocalDate termEnd, String actor) {
        if (date.isAfter(termEnd)) {
            throw ProblemException.unprocessable("The term ends on " + termEnd + "; an end after it is not an end",
                    new FieldError("effectiveDate", "must not be after the term's last day " + termEnd));
        }
        // nor before the contract held (hostile read of the twenty-sixth pass, C4: 1026-06-30, a typo for 2026, ended it
        // at once, and every later result for the school's years then failed on a school year before 1900 and went to
        // the dead letters, its next contract's benchmark with it)
        LocalDate firstDay = ContractChecks.firstDay(c, calendar);
        if (date.isBefore(firstDay)) {
            throw ProblemException.unprocessable("The contract's first day is " + firstDay + "; it cannot end before it",
                    new FieldError("effectiveDate", "must not be before the contract's first day " + firstDay));
        }
        // the date is the contract's last day: one already past ends it now; today or later, the night after it (a
        // non-renewal decided on the term's last day ends with the term, not a day before; the review of this rule)
        if (date.isBefore(calendar.today())) {
            endNow(c, as, reason, date, actor);
            return;
        }
        c.scheduleEnd(as, date, reason, actor, calendar.now());
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_END_SCHEDULED,
                "Contract to end as " + as + " on " + date, actor, reason, date, c.id, null));
    }

    private void endNow(Contract c, ContractStatus as, String reason, LocalDate effectiveDate, String actor) {
        c.end(as, reason, actor, effectiveDate, calendar.now());
        outbox.publish("Contract", c.id, ContractEnded.NAME, c.schoolId(), ContractEnded.of(c));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.CONTRACT_ENDED,
                "Contract ended as " + as, actor, reason, effectiveDate, c.id, null));
        if (c.interventionLevel != InterventionLevel.NONE) {
            interventions.change(c, InterventionLevel.NONE, "Contract ended as " + as + "; its intervention closes",
                    InterventionCauseKind.CONTRACT_ENDED, null, null, actor, effectiveDate);
        }
    }
}
