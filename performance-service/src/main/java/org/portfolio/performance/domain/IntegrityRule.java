package org.portfolio.performance.domain;

/** The integrity rules (issue 15.4), each a signal for oversight, never a sanction by itself. */
public enum IntegrityRule {
    /** Students of a subject who were tested / (tested + not tested) below the framework's minimum. */
    LOW_PARTICIPATION,
    /** Students of a subject EXEMPT or EXCLUDED / all students of the subject above the framework's maximum. */
    HIGH_EXCLUSION,
    /** An academic metric's change since the previous year far from the other schools' changes. */
    YEAR_OVER_YEAR_CHANGE,
    /** Students on the fall count who left before testing are concentrated among those with low prior results. */
    ENROLLMENT_DROP
}
