package org.portfolio.autonomy.domain;

/** Why a grant changed: the stored answer to "why" for every entry of its history. */
public enum CauseKind {
    CONTRACT_ACTIVATED,
    /** A contract amendment added, changed or removed the provision. */
    CONTRACT_AMENDED,
    /** The contract was renewed: the grant is kept for (or taken over by) the successor contract. */
    CONTRACT_RENEWED,
    CONTRACT_ENDED,
    RATING_QUALIFIED,
    /** The school's latest ratings fell below an EARNED grant's minimum tier for its fall-back years. */
    RATING_FELL,
    REQUEST_APPROVED,
    BENCHMARK_MISSED,
    BENCHMARK_MET,
    SCHOOL_CLOSED,
    TERM_ENDED,
    MANUAL
}
