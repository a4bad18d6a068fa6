package org.portfolio.integration.domain;

/**
 * QUEUED waits behind an older undelivered event of the same school (lane); PENDING is its lane's head, due at
 * its next attempt; IN_FLIGHT is being sent; DELIVERED was acknowledged (2xx); SKIPPED was not sent because the
 * owner may no longer read it.
 */
public enum DeliveryState {
    QUEUED, PENDING, IN_FLIGHT, DELIVERED, SKIPPED
}
