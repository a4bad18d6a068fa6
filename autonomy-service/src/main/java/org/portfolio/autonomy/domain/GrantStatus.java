package org.portfolio.autonomy.domain;

/**
 * The life of a grant. PENDING ⇄ ACTIVE (an EARNED grant falls back to PENDING when its ratings fall below its
 * criteria) → REVOKED ⇄ ACTIVE; REVOKED → PENDING (an EARNED grant whose ratings fell while it was revoked, when the
 * benchmark that revoked it is met); any live status → ENDED (terminal).
 * The allowed transitions are {@link #canBecome(GrantStatus)}.
 */
public enum GrantStatus {
    /** Waiting for its eligibility (EARNED), at first or again after falling back. The district decides meanwhile. */
    PENDING,
    /** In force: the school decides (within the grant's decisions and effective dates). */
    ACTIVE,
    /** Taken back (benchmark missed, or manually); can be reinstated. */
    REVOKED,
    /** Over for good (contract ended, school closed, term ran out, provision removed, manual). */
    ENDED;

    public boolean isLive() {
        return this != ENDED;
    }

    public boolean canBecome(GrantStatus next) {
        return switch (this) {
            case PENDING -> next == ACTIVE || next == ENDED;
            case ACTIVE -> next == REVOKED || next == PENDING || next == ENDED;
            case REVOKED -> next == ACTIVE || next == PENDING || next == ENDED;
            case ENDED -> false;
        };
    }
}
