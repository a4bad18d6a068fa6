package org.portfolio.autonomy.domain;

/**
 * The life of a grant. PENDING → ACTIVE → REVOKED ⇄ ACTIVE; any live status → ENDED (terminal).
 * The allowed transitions are {@link #canBecome(GrantStatus)}.
 */
public enum GrantStatus {
    /** Waiting for its eligibility (EARNED). The district decides meanwhile. */
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
            case ACTIVE -> next == REVOKED || next == ENDED;
            case REVOKED -> next == ACTIVE || next == ENDED;
            case ENDED -> false;
        };
    }
}
