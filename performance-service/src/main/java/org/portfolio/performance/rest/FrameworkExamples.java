package org.portfolio.performance.rest;

/** The request examples of the framework operations, as the OpenAPI document shows them (FrameworkResource). */
final class FrameworkExamples {

    private FrameworkExamples() {
    }

    /** The next year's framework: the shipped 2026-27 one with proficiency cut points 5 points higher, defaults kept. */
    static final String FRAMEWORK = """
            {"schoolYear": "2027-28",
             "name": "Portfolio performance framework 2027-28",
             "description": "Second year of the portfolio framework: ELA and math proficiency cut points raised by 5 points; weights, tiers and integrity thresholds unchanged.",
             "minimumN": 10, "proficientLevel": 3, "minimumCoveragePercent": 50,
             "categories": [
               {"category": "ACADEMIC", "weight": 60},
               {"category": "FINANCIAL", "weight": 16},
               {"category": "ORGANIZATIONAL", "weight": 24}],
             "metrics": [
               {"metricCode": "ELA_PROFICIENCY", "weight": 16, "cutPoints": [{"threshold": 25, "points": 4},
                 {"threshold": 40, "points": 8}, {"threshold": 55, "points": 12}, {"threshold": 70, "points": 16}]},
               {"metricCode": "MATH_PROFICIENCY", "weight": 16, "cutPoints": [{"threshold": 20, "points": 4},
                 {"threshold": 35, "points": 8}, {"threshold": 50, "points": 12}, {"threshold": 65, "points": 16}]},
               {"metricCode": "MEDIAN_GROWTH_PERCENTILE", "weight": 20, "cutPoints": [{"threshold": 35, "points": 5},
                 {"threshold": 45, "points": 10}, {"threshold": 55, "points": 15}, {"threshold": 65, "points": 20}]},
               {"metricCode": "GRADUATION_RATE", "weight": 8, "cutPoints": [{"threshold": 70, "points": 2},
                 {"threshold": 80, "points": 4}, {"threshold": 87, "points": 6}, {"threshold": 93, "points": 8}]},
               {"metricCode": "DAYS_CASH_ON_HAND", "weight": 8, "minimumN": 0, "cutPoints": [{"threshold": 15, "points": 2},
                 {"threshold": 30, "points": 4}, {"threshold": 60, "points": 6}, {"threshold": 90, "points": 8}]},
               {"metricCode": "ENROLLMENT_VS_PROJECTION", "weight": 8, "minimumN": 0, "cutPoints": [{"threshold": 0.85, "points": 2},
                 {"threshold": 0.9, "points": 4}, {"threshold": 0.95, "points": 6}, {"threshold": 1, "points": 8}]},
               {"metricCode": "CHRONIC_ABSENTEEISM", "weight": 8, "cutPoints": [{"threshold": 10, "points": 8},
                 {"threshold": 20, "points": 6}, {"threshold": 30, "points": 4}, {"threshold": 40, "points": 2}]},
               {"metricCode": "TEACHER_VACANCIES", "weight": 8, "minimumN": 0, "cutPoints": [{"threshold": 0, "points": 8},
                 {"threshold": 2, "points": 6}, {"threshold": 4, "points": 4}, {"threshold": 6, "points": 2}]},
               {"metricCode": "FAMILY_DEMAND", "weight": 8, "minimumN": 0, "cutPoints": [{"threshold": 0.5, "points": 2},
                 {"threshold": 0.8, "points": 4}, {"threshold": 1, "points": 6}, {"threshold": 1.5, "points": 8}]}],
             "tiers": [
               {"tier": "EXCEEDS", "minimumPercent": 80},
               {"tier": "MEETS", "minimumPercent": 60},
               {"tier": "APPROACHING", "minimumPercent": 40},
               {"tier": "DOES_NOT_MEET", "minimumPercent": 0}],
             "integrity": {"participationMinimumPercent": 95, "exclusionMaximumPercent": 10,
               "yearOverYearStandardDeviations": 3, "yearOverYearMinimumSchools": 10,
               "enrollmentDropConcentrationPoints": 20, "enrollmentDropMinimumLeavers": 5}}""";

    /** A new version drafted for the next school year. */
    static final String NEW_VERSION = """
            {"schoolYear": "2027-28"}""";
}
