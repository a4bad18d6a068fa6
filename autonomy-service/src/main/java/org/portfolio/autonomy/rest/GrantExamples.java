package org.portfolio.autonomy.rest;

/** The request examples of {@link GrantResource}'s operations, as the OpenAPI document shows them. */
final class GrantExamples {

    /** POST /grants: oversight grants staffing autonomy by hand for the spring semester. */
    static final String MANUAL_GRANT = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "domain": "PEOPLE", "model": "FULL_WITH_EXPECTATIONS",
             "decisions": ["HIRE_TEACHERS", "SET_STAFFING_MODEL"],
             "scope": "Hire and place all teachers; set positions and the staffing mix",
             "effectiveFrom": "2027-01-04", "effectiveTo": "2027-06-30",
             "reason": "Board resolution 2026-14: staffing autonomy for the spring semester, until the contract amendment takes effect"}""";

    /** POST /grants/{id}/revoke: why an ACTIVE grant is taken back. */
    static final String REVOKE = """
            {"reason": "Notice of concern: seven teacher vacancies still open after the October count"}""";

    /** POST /grants/{id}/reinstate: why a REVOKED grant is in force again. */
    static final String REINSTATE = """
            {"reason": "Vacancies filled by January; corrective action plan completed"}""";

    /** POST /grants/{id}/activate: why a PENDING (earned) grant is granted before its ratings earn it. */
    static final String ACTIVATE = """
            {"reason": "Independent audit found the school's finances sound; budget autonomy granted a year early"}""";

    /** POST /grants/{id}/end: why a grant ends for good. */
    static final String END = """
            {"reason": "Replaced by the school's renewed innovation contract from 2027-28"}""";

    private GrantExamples() {
    }
}
