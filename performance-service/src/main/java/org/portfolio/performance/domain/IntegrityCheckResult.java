package org.portfolio.performance.domain;

import java.time.Instant;

/** A stored outcome of an integrity check, with when it was last checked. */
public record IntegrityCheckResult(IntegrityCheck check, Instant checkedAt) {
}
