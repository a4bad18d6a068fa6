package org.portfolio.enrollment.rest;

/**
 * The request examples of enrollment's OpenAPI document (one story: Riverton's 2027-28 round, a rising sixth grader of
 * the EAST zone, grade 6 at Eastside Innovation Middle School). Ids are made up; RequestExamplesTest sends each with
 * real ones and expects it accepted.
 */
final class EnrollmentExamples {

    private EnrollmentExamples() {
    }

    /** POST /applicants: a rising sixth grader, a sibling at Eastside, free or reduced-price lunch. */
    static final String APPLICANT = """
            {"externalRef": "STU-0012345", "firstName": "Maya", "lastName": "Okafor", "birthDate": "2016-03-14",
             "grade": "6", "homeZone": "EAST",
             "currentSchoolId": "8b2d4e6f-1a3c-4e5b-8d7f-9a1b2c3d4e5f",
             "siblingSchoolIds": ["3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11"], "staffSchoolIds": [], "flags": ["FRL"]}""";

    /** POST /applicants/search: the child of the office's reference. */
    static final String APPLICANT_SEARCH_BY_REF = """
            {"externalRef": "STU-0012345"}""";

    /** POST /applicants/search: every Okafor, 20 a page, the second page. */
    static final String APPLICANT_SEARCH_BY_NAME = """
            {"lastName": "Okafor", "page": 1, "size": 20}""";

    /** PUT /applicants/{id}: the same child, the last name corrected (the whole record is sent again). */
    static final String APPLICANT_CORRECTED = """
            {"externalRef": "STU-0012345", "firstName": "Maya", "lastName": "Okafor-Reyes", "birthDate": "2016-03-14",
             "grade": "6", "homeZone": "EAST",
             "currentSchoolId": "8b2d4e6f-1a3c-4e5b-8d7f-9a1b2c3d4e5f",
             "siblingSchoolIds": ["3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11"], "staffSchoolIds": [], "flags": ["FRL"]}""";

    /** POST /periods: the first round for 2027-28, window November to January, offers answered by mid-March. */
    static final String PERIOD = """
            {"name": "2027-28 Round 1", "schoolYear": "2027-28", "maxChoices": 12,
             "applicationsOpenAt": "2026-11-02T15:00:00Z", "applicationsCloseAt": "2027-01-29T23:00:00Z",
             "offerDeadline": "2027-03-19T23:00:00Z", "waitlistResponseHours": 72}""";

    /** PUT /periods/{id}: the same period with its window extended by a week. */
    static final String PERIOD_EXTENDED = """
            {"name": "2027-28 Round 1", "schoolYear": "2027-28", "maxChoices": 12,
             "applicationsOpenAt": "2026-11-02T15:00:00Z", "applicationsCloseAt": "2027-02-05T23:00:00Z",
             "offerDeadline": "2027-03-19T23:00:00Z", "waitlistResponseHours": 72}""";

    /** POST /periods/{id}/simulations: a fixed seed and what if Eastside's grade 6 had a seventh section of 24. */
    static final String SIMULATION = """
            {"seed": "22eaf644286543e992b18fb35863ca8266eb65251d1831f3e55517fe1a5c8841",
             "seats": [{"programId": "c4e7a1d2-5b8f-4c3e-9a6d-2f1b7e8c0a94", "seats": 168}]}""";

    /** POST /periods/{id}/rounds: round 2 in April for the seats round 1 left, fewer choices, two days to answer. */
    static final String NEXT_ROUND = """
            {"name": "2027-28 Round 2", "maxChoices": 6,
             "applicationsOpenAt": "2027-04-05T15:00:00Z", "applicationsCloseAt": "2027-04-23T23:00:00Z",
             "offerDeadline": "2027-05-14T23:00:00Z", "waitlistResponseHours": 48}""";

    /** PUT /periods/{periodId}/applications/{applicantId}: three grade 6 programs, Eastside first. */
    static final String APPLICATION = """
            {"choices": ["c4e7a1d2-5b8f-4c3e-9a6d-2f1b7e8c0a94", "5d9e2b7a-3c1f-4a8e-b6d4-7e0f1a2c3b85",
                         "a1f3c5e7-9b2d-4f6a-8c0e-1d3b5f7a9c26"]}""";

    /** POST /periods/{periodId}/programs: Eastside's grade 6, five sections, for EAST and CENTRAL residents, 30% FRL. */
    static final String PROGRAM = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "grade": "6", "name": "Project-Based Learning",
             "seats": 120, "priorityOrder": ["CONTINUING", "SIBLING", "ZONE", "GENERAL"],
             "setAsides": [{"group": "FRL", "sharePercent": 30}], "eligibleZones": ["EAST", "CENTRAL"]}""";

    /** PUT /periods/{periodId}/programs/{id}: the same program with a sixth section of 24 seats. */
    static final String PROGRAM_SECTION_ADDED = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "grade": "6", "name": "Project-Based Learning",
             "seats": 144, "priorityOrder": ["CONTINUING", "SIBLING", "ZONE", "GENERAL"],
             "setAsides": [{"group": "FRL", "sharePercent": 30}], "eligibleZones": ["EAST", "CENTRAL"]}""";
}
