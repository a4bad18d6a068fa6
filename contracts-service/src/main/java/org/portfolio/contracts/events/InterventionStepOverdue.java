package org.portfolio.contracts.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Data of {@code portfolio.contracts.InterventionStepOverdue.v1} (subject: the school id): the contract's current
 * intervention step passed its due date while the contract was still at that level. Published once per step by the
 * accountability clock. {@code action}: FLAGGED (the contract flags overdue steps, or the step is REVOCATION, the
 * top) or ESCALATED (the contract escalates them: an InterventionEscalated with cause STEP_OVERDUE follows, naming
 * {@code escalatedTo}).
 */
public record InterventionStepOverdue(UUID contractId, UUID schoolId, String level, LocalDate stepBegan,
                                      LocalDate dueDate, LocalDate reviewDate, LocalDate foundOn, String action,
                                      String escalatedTo, UUID changeId, String description) {

    public static final String NAME = "InterventionStepOverdue";
}
