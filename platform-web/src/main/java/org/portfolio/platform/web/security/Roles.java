package org.portfolio.platform.web.security;

/** The roles a gateway token can carry ({@code groups} claim). The policy table is in docs/security.md. */
public final class Roles {

    /** District central office: everything, every school. */
    public static final String DISTRICT_ADMIN = "DISTRICT_ADMIN";
    /** Authorizers and the board: oversight decisions and queries, every school. */
    public static final String OVERSIGHT = "OVERSIGHT";
    /** A school's leader: its own schools only ({@code schools} claim). */
    public static final String SCHOOL_LEADER = "SCHOOL_LEADER";
    /** A student information system: ingestion for its own schools only ({@code schools} claim). */
    public static final String SIS = "SIS";
    /** Enrollment office: periods, programs, applications, the match; every school. */
    public static final String ENROLLMENT_OFFICER = "ENROLLMENT_OFFICER";

    /** Name of the JWT claim that lists the school ids a scoped client may act for. */
    public static final String SCHOOLS_CLAIM = "schools";

    private Roles() {
    }
}
