package org.portfolio.contracts.domain;

/**
 * Why an intervention level changed: a missed benchmark (automatic), an oversight decision (manual), the
 * contract ending, which closes its intervention (level back to NONE), or an intervention step that passed its due
 * date under a contract that escalates overdue steps (STEP_OVERDUE, automatic).
 */
public enum InterventionCauseKind { BENCHMARK_MISSED, MANUAL, CONTRACT_ENDED, STEP_OVERDUE }
