package org.portfolio.performance.domain;

/** An integrity flag is OPEN until oversight (or the district) resolves it with a note. */
public enum IntegrityFlagStatus {
    OPEN, RESOLVED
}
