package org.portfolio.performance.domain;

import java.util.UUID;

/**
 * The natural key of a student record: school, school year, SIS student id, and for an assessment result its subject
 * and test code (null for attendance).
 */
public record StudentRecordKey(UUID schoolId, String schoolYear, String studentId, String subject, String testCode) {

    public SchoolYearKey schoolYearKey() {
        return new SchoolYearKey(schoolId, schoolYear);
    }
}
