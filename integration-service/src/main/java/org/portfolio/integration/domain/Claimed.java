package org.portfolio.integration.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery this instance claimed: it alone sends it until {@code leaseUntil} (also the fencing token its result
 * must present). {@code attempt} counts this one. {@code claimId} names the in-flight slot it was claimed into (its
 * requests go one after the other); {@code head}: it was its lane's due head (PENDING) rather than a queued event
 * behind it, which decides where it goes back to when it is not tried. {@code seq}: its place in the queue.
 */
public record Claimed(UUID id, UUID subscriptionId, long feedSeq, String orderKey, int attempt, Instant horizonStart,
                      Instant leaseUntil, UUID claimId, boolean head, long seq) {

    public Claimed(UUID id, UUID subscriptionId, long feedSeq, String orderKey, int attempt, Instant horizonStart,
                   Instant leaseUntil) {
        this(id, subscriptionId, feedSeq, orderKey, attempt, horizonStart, leaseUntil, null, true, 0);
    }
}
