package org.portfolio.enrollment.domain;

/**
 * Priority groups a program can order. An applicant's group at a program is derived from its data: CONTINUING
 * (currently enrolled at the program's school), SIBLING (a sibling enrolled there), STAFF (a parent works there),
 * ZONE (lives in the school's attendance zone), GENERAL (everyone).
 */
public enum PriorityGroup {
    CONTINUING, SIBLING, STAFF, ZONE, GENERAL
}
