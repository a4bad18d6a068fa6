package org.portfolio.enrollment.domain;

/** OFFERED → ACCEPTED | DECLINED | EXPIRED; OFFERED/ACCEPTED → RELEASED when a better waitlist offer replaces it. */
public enum OfferStatus {
    OFFERED, ACCEPTED, DECLINED, EXPIRED, RELEASED;

    public boolean live() {
        return this == OFFERED || this == ACCEPTED;
    }
}
