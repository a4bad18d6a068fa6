package org.portfolio.performance.domain;

/** The kinds of student records a correction names by their natural key. */
public enum CorrectionKind {
    /** school + school year + subject + SIS student id + test code */
    ASSESSMENT,
    /** school + school year + SIS student id */
    ATTENDANCE
}
