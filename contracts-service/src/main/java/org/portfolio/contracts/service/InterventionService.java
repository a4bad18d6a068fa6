package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.events.InterventionEscalated;
import org.portfolio.contracts.repository.InterventionChangeRepository;
import org.portfolio.platform.events.outbox.Outbox;

import java.time.LocalDate;
import java.util.UUID;

/** Moves a contract on the intervention ladder: records the change, publishes InterventionEscalated, writes history. */
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

    public InterventionChange change(Contract c, InterventionLevel level, String reason, InterventionCauseKind kind,
                                     UUID benchmarkId, UUID evaluationId, String decidedBy, LocalDate effectiveDate) {
        InterventionChange ch = InterventionChange.of(c, level, reason, kind, benchmarkId, evaluationId, decidedBy,
                effectiveDate, calendar.now());
        changes.persist(ch);
        c.changeLevel(level, effectiveDate, ch.changedAt);
        outbox.publish("Contract", c.id, InterventionEscalated.NAME, c.schoolId(), InterventionEscalated.of(ch));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.INTERVENTION_CHANGED,
                "Intervention " + ch.previousLevel + " → " + level + (level.isAbove(ch.previousLevel) ? " (escalated)"
                        : " (lowered)"),
                decidedBy, reason, effectiveDate, ch.id,
                HistoryService.cause("kind", kind.name(), "benchmarkId", benchmarkId, "evaluationId", evaluationId,
                        "previousLevel", ch.previousLevel.name(), "level", level.name())));
        return ch;
    }
}
