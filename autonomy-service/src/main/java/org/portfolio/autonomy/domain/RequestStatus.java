package org.portfolio.autonomy.domain;

/**
 * A programmatic request: SUBMITTED → UNDER_REVIEW → APPROVED | DENIED; the school may withdraw it while it is
 * SUBMITTED or UNDER_REVIEW; the system cancels open requests of a school that closes.
 */
public enum RequestStatus {
    SUBMITTED, UNDER_REVIEW, APPROVED, DENIED, WITHDRAWN, CANCELLED;

    public boolean isOpen() {
        return this == SUBMITTED || this == UNDER_REVIEW;
    }
}
