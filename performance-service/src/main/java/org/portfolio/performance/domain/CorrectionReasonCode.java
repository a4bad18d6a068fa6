package org.portfolio.performance.domain;

/**
 * Why student records were corrected, from a closed list: the only "why" of a correction that leaves this service
 * (events, the contract and grant histories). Free text goes into the correction's note, which stays in the audit.
 */
public enum CorrectionReasonCode {
    /** A value was typed or mapped wrong at the school or the district. */
    DATA_ENTRY_ERROR,
    /** The test vendor rescored results (re-sent levels or scores). */
    SCORING_ERROR,
    /** Records that arrived after the upload they belonged to, or were re-sent late. */
    LATE_SUBMISSION,
    /** A change of student information system re-keyed or re-sent records. */
    SIS_MIGRATION,
    /** The same record was sent twice, or under another school or test. */
    DUPLICATE_RECORD,
    /** The source system deleted the record or changed its key (an SIS, the Ed-Fi door's DELETE or re-keying). */
    SOURCE_RECORD_CHANGED,
    /** A withdrawal or transfer was recorded after the fact (the records no longer belong to the school). */
    WITHDRAWAL_RECORDED,
    /** Anything else (the note says what); also every correction made before reason codes existed. */
    OTHER
}
