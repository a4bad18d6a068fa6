package org.portfolio.autonomy.domain;

/** What happened to a grant in one history entry. */
public enum GrantAction {
    /** Created PENDING (EARNED, waiting for eligibility). */
    CREATED_PENDING,
    /** Became ACTIVE: created active, eligibility met, or manually activated. */
    GRANTED,
    REVOKED,
    /**
     * An EARNED grant's ratings fell below its criteria for the configured years: ACTIVE → PENDING, to be earned again
     * (REVOKED → REVOKED while a missed benchmark holds it: noted, it stands until undone; REVOKED → PENDING at the MET
     * when it stands).
     */
    FELL_BACK,
    /**
     * A correction took away the reason of a fall back noted while the grant is revoked (REVOKED → REVOKED; the MET then
     * reinstates it), as a correction makes an ACTIVE grant that fell back ACTIVE again.
     */
    FALL_BACK_UNDONE,
    REINSTATED,
    ENDED,
    /** Decisions, scope, eligibility or dates changed (contract amendment); status unchanged. */
    AMENDED,
    /** Its contract was renewed: kept alive until the successor contract's activation takes it over. */
    AWAITING_SUCCESSOR,
    /** Taken over by the successor contract of a renewal; status unchanged. */
    TRANSFERRED,
    /** Another guarding benchmark was missed while the grant was already revoked. */
    ALSO_MISSED,
    /** A benchmark that kept the grant revoked was met again, but other misses (or the contract) keep it revoked. */
    MISS_CLEARED
}
