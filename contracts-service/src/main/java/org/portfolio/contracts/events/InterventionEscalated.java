package org.portfolio.contracts.events;

import org.portfolio.contracts.domain.InterventionChange;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.InterventionEscalated.v1} (subject: the school id), published on every
 * change of a contract's intervention level, up or down. See docs/events.md; {@code changeId} is an addition and
 * {@code cause.kind} gained {@code CONTRACT_ENDED} (the contract ended, so its intervention closes at NONE).
 */
public record InterventionEscalated(UUID contractId, UUID schoolId, String previousLevel, String level, String reason,
                                    Cause cause, String decidedBy, LocalDate effectiveDate, UUID changeId) {

    public static final String NAME = "InterventionEscalated";

    public record Cause(String kind, UUID benchmarkId, UUID evaluationId) {
    }

    public static InterventionEscalated of(InterventionChange c) {
        return new InterventionEscalated(c.contractId, c.schoolId, c.previousLevel.name(), c.level.name(), c.reason,
                new Cause(c.causeKind.name(), c.benchmarkId, c.evaluationId), c.decidedBy, c.effectiveDate, c.id);
    }
}
