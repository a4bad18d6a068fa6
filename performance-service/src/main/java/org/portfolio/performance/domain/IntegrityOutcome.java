package org.portfolio.performance.domain;

/** What a check of one rule found: a flag, nothing, or not enough data to tell (the reason says which). */
public enum IntegrityOutcome {
    FLAGGED, CLEAR, NOT_COMPUTABLE
}
