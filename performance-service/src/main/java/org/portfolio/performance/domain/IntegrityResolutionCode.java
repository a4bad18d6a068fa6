package org.portfolio.performance.domain;

/**
 * How an integrity flag was resolved, from a closed list: the only "how" of a resolution that leaves this service
 * (IntegrityFlagResolved, the contracts scorecard). Free text goes into the resolution's note, kept in this service.
 */
public enum IntegrityResolutionCode {
    /** The school documented a legitimate explanation (make-up sessions, a program change, a boundary change). */
    EXPLAINED,
    /** The data behind the flag was wrong and has been corrected. */
    DATA_CORRECTED,
    /** The flag did not point at a real problem (a small group, a known artefact of the rule). */
    NO_ISSUE_FOUND,
    /** Referred for a closer review or an investigation outside this system. */
    REFERRED_FOR_REVIEW,
    /** Anything else (the note says what); also every flag resolved before resolution codes existed. */
    OTHER
}
