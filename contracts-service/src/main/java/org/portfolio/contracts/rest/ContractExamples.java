package org.portfolio.contracts.rest;

/**
 * The request examples of {@link ContractResource}'s operations, as the document shows them (SmallRye parses each text
 * into the document). One story: an innovation school's five-year contract, from its draft to its renewal or its end.
 */
final class ContractExamples {

    private ContractExamples() {
    }

    /** POST /api/contracts: a five-year draft with two provisions (one EARNED) and two benchmarks. */
    static final String DRAFT = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11",
             "term": {"startYear": "2026-27", "endYear": "2030-31"},
             "provisions": [
               {"domain": "PEOPLE", "model": "FULL_WITH_EXPECTATIONS", "scope": "Hire and place all teachers",
                "decisions": ["HIRE_TEACHERS", "SET_STAFFING_MODEL"]},
               {"domain": "MONEY", "model": "EARNED", "scope": "Full budget control",
                "eligibility": {"minimumTier": "MEETS", "consecutiveYears": 2}}],
             "benchmarks": [
               {"metricCode": "TEACHER_VACANCIES", "comparator": "LTE", "target": 3, "period": "2026-27",
                "category": "ORGANIZATIONAL", "guardsDomains": ["PEOPLE"], "missTriggers": "NOTICE_OF_CONCERN",
                "reinstateOnMet": true},
               {"metricCode": "ELA_PROFICIENCY", "comparator": "GTE", "target": 45, "period": "2027-28",
                "category": "ACADEMIC", "guardsDomains": [], "missTriggers": "CORRECTIVE_ACTION_PLAN"}]}""";

    /** PUT /api/contracts/{id}: the draft after review, adding TIME, a cash benchmark and the accountability clock. */
    static final String EDIT = """
            {"term": {"startYear": "2026-27", "endYear": "2030-31"},
             "provisions": [
               {"domain": "PEOPLE", "model": "FULL_WITH_EXPECTATIONS", "scope": "Hire and place all teachers",
                "decisions": ["HIRE_TEACHERS", "SET_STAFFING_MODEL"]},
               {"domain": "TIME", "model": "FULL_WITH_EXPECTATIONS", "scope": "Set the school calendar and the bell schedule",
                "decisions": ["SET_SCHOOL_CALENDAR", "SET_BELL_SCHEDULE"]},
               {"domain": "MONEY", "model": "EARNED", "scope": "Full budget control",
                "eligibility": {"minimumTier": "MEETS", "consecutiveYears": 2, "fallBackAfterYears": 2}}],
             "benchmarks": [
               {"metricCode": "TEACHER_VACANCIES", "comparator": "LTE", "target": 3, "period": "2026-27",
                "category": "ORGANIZATIONAL", "guardsDomains": ["PEOPLE"], "missTriggers": "NOTICE_OF_CONCERN",
                "reinstateOnMet": true, "description": "No more than 3 teaching positions vacant on the October count"},
               {"metricCode": "DAYS_CASH_ON_HAND", "comparator": "GTE", "target": 30, "period": "2026-27",
                "category": "FINANCIAL", "guardsDomains": ["MONEY"], "missTriggers": "NOTICE_OF_CONCERN",
                "reinstateOnMet": true, "description": "At least 30 days of operating cash on hand at the fiscal year end"},
               {"metricCode": "ELA_PROFICIENCY", "comparator": "GTE", "target": 45, "period": "2027-28",
                "category": "ACADEMIC", "guardsDomains": [], "missTriggers": "CORRECTIVE_ACTION_PLAN",
                "description": "At least 45% of students proficient in ELA on the state assessment"}],
             "accountability": {
               "interventionSteps": [
                 {"level": "NOTICE_OF_CONCERN", "dueInDays": 60, "reviewInDays": 30},
                 {"level": "CORRECTIVE_ACTION_PLAN", "dueInDays": 180, "reviewInDays": 90}],
               "overdueStep": "FLAG", "missingDataGraceDays": 60}}""";

    /** POST /api/contracts/{id}/activation: the board's approval as the reason. */
    static final String ACTIVATION = """
            {"reason": "Approved by the Riverton Board of Education on 2026-06-12"}""";

    /** POST /api/contracts/{id}/amendments: a new accountability clock; provisions and benchmarks left out are kept. */
    static final String AMENDMENT = """
            {"reason": "The board adopted the intervention timelines of its 2026 accountability policy",
             "accountability": {
               "interventionSteps": [
                 {"level": "NOTICE_OF_CONCERN", "dueInDays": 60, "reviewInDays": 30},
                 {"level": "CORRECTIVE_ACTION_PLAN", "dueInDays": 120, "reviewInDays": 60},
                 {"level": "PROBATION", "dueInDays": 180, "reviewInDays": 90}],
               "overdueStep": "ESCALATE", "missingDataGraceDays": 90, "missingDataCountsAsMiss": false,
               "insufficientDataCountsAsMiss": false}}""";

    /** POST /api/contracts/{id}/renewal: the next five years, MONEY now full, with new benchmarks in the new term. */
    static final String RENEWAL = """
            {"reason": "Renewed for five years on strong results",
             "term": {"startYear": "2031-32", "endYear": "2035-36"},
             "provisions": [
               {"domain": "PEOPLE", "model": "FULL_WITH_EXPECTATIONS", "scope": "Hire and place all teachers",
                "decisions": ["HIRE_TEACHERS", "SET_STAFFING_MODEL"]},
               {"domain": "MONEY", "model": "FULL_WITH_EXPECTATIONS", "scope": "Full budget control",
                "decisions": ["ALLOCATE_BUDGET", "CHOOSE_VENDORS"]}],
             "benchmarks": [
               {"metricCode": "TEACHER_VACANCIES", "comparator": "LTE", "target": 2, "period": "2031-32",
                "category": "ORGANIZATIONAL", "guardsDomains": ["PEOPLE"], "missTriggers": "NOTICE_OF_CONCERN",
                "reinstateOnMet": true},
               {"metricCode": "DAYS_CASH_ON_HAND", "comparator": "GTE", "target": 45, "period": "2031-32",
                "category": "FINANCIAL", "guardsDomains": ["MONEY"], "missTriggers": "NOTICE_OF_CONCERN",
                "reinstateOnMet": true},
               {"metricCode": "ELA_PROFICIENCY", "comparator": "GTE", "target": 50, "period": "2032-33",
                "category": "ACADEMIC", "guardsDomains": [], "missTriggers": "CORRECTIVE_ACTION_PLAN"}]}""";

    /** POST /api/contracts/{id}/non-renewal: not renewed, ending with the term's last day. */
    static final String NON_RENEWAL = """
            {"reason": "Persistent failure to meet academic benchmarks", "effectiveDate": "2031-06-30"}""";

    /** POST /api/contracts/{id}/termination: terminated at the end of the current school year. */
    static final String TERMINATION = """
            {"reason": "Corrective action plan not met; terminated at the end of the school year",
             "effectiveDate": "2027-06-30"}""";

    /** PUT /api/contracts/{id}/intervention: a notice of concern after the October staffing count. */
    static final String INTERVENTION = """
            {"level": "NOTICE_OF_CONCERN",
             "reason": "Six teaching positions vacant on the October count; notice of concern issued by the board",
             "effectiveDate": "2026-11-02"}""";
}
