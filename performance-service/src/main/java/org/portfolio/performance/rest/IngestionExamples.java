package org.portfolio.performance.rest;

/** The JSON request examples of the SIS uploads, as the OpenAPI document shows them (IngestionResource). */
final class IngestionExamples {

    private IngestionExamples() {
    }

    /** A high school's year-end school-level values: an ACADEMIC value with its n, the others without. */
    static final String SCHOOL_METRICS = """
            [{"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "metricCode": "GRADUATION_RATE", "value": 88.4, "n": 212},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "metricCode": "DAYS_CASH_ON_HAND", "value": 74.5},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "metricCode": "ENROLLMENT_VS_PROJECTION", "value": 0.97},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "metricCode": "TEACHER_VACANCIES", "value": 2}]""";

    /** Two grade 7 students' state test results: one tested in ELA and math, one who missed the math test. */
    static final String ASSESSMENTS = """
            [{"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
              "subject": "ELA", "testCode": "RSA-ELA", "gradeLevel": "7", "performanceLevel": 3, "scaleScore": 2660,
              "growthPercentile": 58, "participation": "TESTED"},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
              "subject": "MATH", "testCode": "RSA-MATH", "gradeLevel": "7", "performanceLevel": 2, "scaleScore": 2540,
              "growthPercentile": 41, "participation": "TESTED"},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-015",
              "subject": "MATH", "testCode": "RSA-MATH", "gradeLevel": "7", "participation": "NOT_TESTED"}]""";

    /** Two grade 7 students' attendance for the year: a full year, and a student who left before the testing window. */
    static final String ATTENDANCE = """
            [{"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
              "gradeLevel": "7", "daysEnrolled": 172, "daysAbsent": 6.5, "inFallCount": true, "exitedBeforeTesting": false},
             {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-015",
              "gradeLevel": "7", "daysEnrolled": 96, "daysAbsent": 11, "inFallCount": true, "exitedBeforeTesting": true}]""";
}
