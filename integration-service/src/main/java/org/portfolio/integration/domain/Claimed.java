package org.portfolio.integration.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance claimed: it alone sends it until {@code leaseUntil} (also the fencing token its result
 * must present). {@code attempt} counts this one.
 */
public record Claimed(UUID id, UUID subscriptionId, long feedSeq, String orderKey, int attempt, Instant horizonStart,
                      Instant leaseUntil) {
}
