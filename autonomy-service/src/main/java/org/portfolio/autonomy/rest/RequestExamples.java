package org.portfolio.autonomy.rest;

/**
 * The request examples of {@link RequestResource}'s operations, as the OpenAPI document shows them: one request's
 * whole review (submitted, reviewed, commented, revised, approved), and a denial and a withdrawal of the same request.
 */
final class RequestExamples {

    /** POST /requests: a school asks for a longer day and its own bell schedule for two school years. */
    static final String SUBMIT = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "domain": "TIME",
             "decisions": ["EXTEND_SCHOOL_DAY", "SET_BELL_SCHEDULE"],
             "title": "Extended learning day for grades 6-8",
             "justification": "Eastside Innovation Academy adds 60 minutes a day for grades 6-8: a reading and math intervention block taught by our own teachers, and a new bell schedule (7:50 to 3:45) that fits it. Teachers are paid a stipend from the school's discretionary budget; the staff approved the schedule in November.",
             "expectedOutcomes": ["ELA proficiency +5 points by 2028-29", "Chronic absence below 10% by 2028-29"],
             "startDate": "2027-07-01", "endDate": "2029-06-30"}""";

    /** PUT /requests/{id}: the school's revision after the reviewers' comments (same domain). */
    static final String REVISE = """
            {"domain": "TIME", "decisions": ["EXTEND_SCHOOL_DAY"],
             "title": "Extended learning day for grades 6-8",
             "justification": "Eastside Innovation Academy adds 60 minutes at the end of the day for grades 6-8: a reading and math intervention block taught by our own teachers within the district's bell schedule. Teachers are paid a stipend from the school's discretionary budget in 2027-28 and from its Title I allocation in 2028-29.",
             "expectedOutcomes": ["ELA proficiency +5 points by 2028-29", "Chronic absence below 10% by 2028-29"],
             "startDate": "2027-07-01", "endDate": "2029-06-30",
             "note": "Bell schedule dropped, as the committee asked; funding of the second year added"}""";

    /** POST /requests/{id}/review: who reviews. */
    static final String REVIEW = """
            {"note": "Assigned to the board's innovation committee; decision expected at its March meeting"}""";

    /** POST /requests/{id}/comments: a reviewer's question. */
    static final String COMMENT = """
            {"text": "How will the extra hour be staffed and funded after the first year?"}""";

    /** POST /requests/{id}/approve: approved for the extended day only, as a one-year pilot. */
    static final String APPROVE = """
            {"rationale": "Clear plan with measurable outcomes and funding; approved as a one-year pilot of the extended day, renewable on the 2027-28 results",
             "decisions": ["EXTEND_SCHOOL_DAY"], "effectiveFrom": "2027-07-01", "effectiveTo": "2028-06-30"}""";

    /** POST /requests/{id}/deny: the rationale the school sees. */
    static final String DENY = """
            {"rationale": "The plan does not say how the extra hour is funded after the first year; resubmit with a funding plan for both years"}""";

    /** POST /requests/{id}/withdraw: why the school takes its request back. */
    static final String WITHDRAW = """
            {"note": "The staff vote on the longer day failed; we will resubmit for 2028-29"}""";

    private RequestExamples() {
    }
}
