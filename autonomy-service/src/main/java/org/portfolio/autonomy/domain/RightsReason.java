package org.portfolio.autonomy.domain;

/**
 * The basis of a decision-rights answer. Only {@link #GRANTED} lets the school decide. Declared from the most to
 * the least telling: a domain summary reports the first reason that applies to one of its decisions.
 */
public enum RightsReason {
    /** An ACTIVE grant covers the decision on the date. */
    GRANTED,
    /** The covering grant was revoked (benchmark missed, or manually). */
    REVOKED,
    /** An EARNED grant covers it but its eligibility does not hold (yet). */
    PENDING_ELIGIBILITY,
    /** The covering grant is active but its effective dates start after the date. */
    NOT_YET_EFFECTIVE,
    /** The covering grant's effective dates ended before the date. */
    TERM_ENDED,
    /** The covering grant ended (contract ended, school closed, provision removed, manual). */
    ENDED,
    /** The school has grants on the domain, but on a subset of decisions that leaves this one out. */
    NOT_IN_GRANT,
    /** The school has (or had, on the date) no grant on the domain. */
    NO_GRANT,
    /** The decision was retired from the catalog: no autonomy covers it. */
    DECISION_RETIRED
}
