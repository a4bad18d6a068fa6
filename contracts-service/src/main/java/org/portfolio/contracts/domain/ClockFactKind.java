package org.portfolio.contracts.domain;

/** What the accountability clock found: an intervention step past its due date, a benchmark whose data did not come. */
public enum ClockFactKind { STEP_OVERDUE, DATA_MISSING }
