package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.events.InterventionEscalated;
import org.portfolio.contracts.repository.InterventionChangeRepository;
import org.portfolio.platform.events.outbox.Outbox;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Moves a contract on the intervention ladder: records the change, publishes InterventionEscalated, writes history.
 * Within the transaction of an evaluation or of a contract's end; {@link #setByHand} is its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InterventionService {

    @Inject
    InterventionChangeRepository changes;

    @Inject
    Outbox outbox;

    @Inject
    HistoryService history;

    @Inject
    SchoolCalendar calendar;

    @Inject
    ContractQueries queries;

    /** The oversight body sets the level of an ACTIVE contract by hand, up or down, with a reason. */
    @Transactional(Transactional.TxType.REQUIRED)
    public void setByHand(UUID id, String ifMatch, InterventionLevel level, String reason, LocalDate effectiveDate,
                          String actor) {
        Contract c = queries.lockedForChange(id);
        EntityTags.checkIfMatch(ifMatch, c.version);
        ContractChecks.requireStatus(c, ContractStatus.ACTIVE, "moved on the intervention ladder");
        if (c.interventionLevel == level) {
            throw ProblemException.conflict("Contract " + id + " is already at " + level);
        }
        // a step counted from a date after the contract's last day (its decided end, else its term's) would never
        // fall due while the contract holds
        LocalDate lastDay = c.scheduledEndDate != null ? c.scheduledEndDate : calendar.lastDayOf(c.termEnd());
        LocalDate date = effectiveDate != null ? effectiveDate : calendar.today();
        if (date.isAfter(lastDay)) {
            throw ProblemException.unprocessable("The contract's last day is " + lastDay + "; a step cannot count from a "
                    + "later date", new FieldError("effectiveDate", "must not be after the contract's last day " + lastDay
                    + (effectiveDate == null ? " (today is later: the contract is about to end)" : "")));
        }
        // nor from a date before the contract held: its due date would have passed before it was set, and the hourly
        // accountability clock would take it as overdue at once
        LocalDate firstDay = ContractChecks.firstDay(c, calendar);
        if (date.isBefore(firstDay)) {
            throw ProblemException.unprocessable("The contract's first day is " + firstDay + "; a step cannot count from "
                    + "an earlier date", new FieldError("effectiveDate", "must not be before the contract's first day "
                    + firstDay));
        }
        change(c, level, reason, InterventionCauseKind.MANUAL, null, null, actor, date);
    }

    public InterventionChange change(Contract c, InterventionLevel level, String reason, InterventionCauseKind kind,
                                     UUID benchmarkId, UUID evaluationId, String decidedBy, LocalDate effectiveDate) {
        InterventionChange ch = InterventionChange.of(c, level, reason, kind, benchmarkId, evaluationId, decidedBy,
                effectiveDate, calendar.now());
        AccountabilityTerms terms = queries.current(c).accountabilityTerms();
        ch.dueDate = terms.dueDate(level, effectiveDate).orElse(null);
        ch.reviewDate = terms.reviewDate(level, effectiveDate).orElse(null);
        changes.persist(ch);
        c.changeLevel(level, effectiveDate, ch.dueDate, ch.reviewDate, ch.changedAt);
        outbox.publish("Contract", c.id, InterventionEscalated.NAME, c.schoolId(), InterventionEscalated.of(ch));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.INTERVENTION_CHANGED,
                "Intervention " + ch.previousLevel + " → " + level + (level.isAbove(ch.previousLevel) ? " (escalated)"
                        : " (lowered)") + (ch.dueDate == null ? "" : "; step due " + ch.dueDate)
                        + (ch.reviewDate == null ? "" : ", review " + ch.reviewDate),
                decidedBy, reason, effectiveDate, ch.id,
                HistoryService.cause("kind", kind.name(), "benchmarkId", benchmarkId, "evaluationId", evaluationId,
                        "previousLevel", ch.previousLevel.name(), "level", level.name(), "dueDate", str(ch.dueDate),
                        "reviewDate", str(ch.reviewDate))));
        return ch;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
