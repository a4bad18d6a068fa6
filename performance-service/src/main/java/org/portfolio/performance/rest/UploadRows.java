package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The rows of the SIS uploads as the OpenAPI document describes them: what a row must be to be kept. The service
 * reads the body as a stream and checks each row on its own (service.ingest): a row that breaks these rules is
 * rejected with its row number, field and message in the answer's {@code errors}, and the other rows are kept.
 * Every row names its school by {@code schoolId} or {@code districtCode} (both must agree when both are given).
 */
final class UploadRows {

    private UploadRows() {
    }

    static final String SCHOOL_YEAR = "^\\d{4}-\\d{2}$";
    static final String GRADE = "^([Pp][Kk]|[Kk]|0{0,2}([1-9]|1[0-2]))$";

    @Schema(description = "One school-level value of a school metric (a SCHOOL_LEVEL metric: computed ones cannot be posted)",
            requiredProperties = {"schoolYear", "metricCode", "value"})
    record SchoolMetricRow(@Schema(description = "The school (or give districtCode)") UUID schoolId,
                           @Schema(description = "The school's district code, instead of schoolId", maxLength = 40) String districtCode,
                           @Schema(examples = "2026-27", pattern = SCHOOL_YEAR) String schoolYear,
                           @Schema(examples = "TEACHER_VACANCIES", maxLength = 60) String metricCode,
                           @Schema(description = "Within the metric's unit (a percent 0–100, a count whole and not negative, …)",
                                   examples = "3", minimum = "-9999999999.9999", maximum = "9999999999.9999") BigDecimal value,
                           @Schema(description = "Students (or cases) behind the value, when it has any; required for "
                                   + "an ACADEMIC metric (the row is rejected without it): a value on fewer students than "
                                   + "the framework's minimum n is suppressed in public views",
                                   minimum = "0", maximum = "10000000") Integer n) {
    }

    @Schema(description = "One student's result on one test",
            requiredProperties = {"schoolYear", "studentId", "subject", "testCode"})
    record AssessmentRow(@Schema(description = "The school (or give districtCode)") UUID schoolId,
                         @Schema(description = "The school's district code, instead of schoolId", maxLength = 40) String districtCode,
                         @Schema(examples = "2026-27", pattern = SCHOOL_YEAR) String schoolYear,
                         @Schema(description = "The SIS student id (stays in this service)", pattern = "^[A-Za-z0-9._:\\-]{1,64}$")
                         String studentId,
                         @Schema(description = "Subject code, upper-cased when stored", examples = "ELA",
                                 pattern = "^[A-Za-z][A-Za-z0-9_]{0,19}$") String subject,
                         @Schema(examples = "STATE_SUMMATIVE", pattern = "^[A-Za-z0-9._\\-]{1,40}$") String testCode,
                         @Schema(description = "PK, K or 1 to 12 (any case, up to two leading zeros)", examples = "7", pattern = GRADE)
                         String gradeLevel,
                         @Schema(description = "Required when the student was tested (participation absent or "
                                 + "TESTED); absent otherwise", examples = "3", minimum = "1", maximum = "5")
                         Integer performanceLevel,
                         @Schema(description = "Absent when the student was not tested", minimum = "0", maximum = "100000")
                         Integer scaleScore,
                         @Schema(description = "Student growth percentile; absent when the student was not tested",
                                 examples = "55", minimum = "1", maximum = "99")
                         Integer growthPercentile,
                         @Schema(description = "Optional: whether the student took the test (any case). Absent = not "
                                 + "stated, counted as tested. NOT_TESTED counts against participation; EXEMPT and "
                                 + "EXCLUDED count as excluded. Feeds the integrity checks (docs/performance-service.md)",
                                 examples = "TESTED", enumeration = {"TESTED", "NOT_TESTED", "EXEMPT", "EXCLUDED"})
                         String participation) {
    }

    @Schema(description = "One student's attendance for the year",
            requiredProperties = {"schoolYear", "studentId", "daysEnrolled", "daysAbsent"})
    record AttendanceRow(@Schema(description = "The school (or give districtCode)") UUID schoolId,
                         @Schema(description = "The school's district code, instead of schoolId", maxLength = 40) String districtCode,
                         @Schema(examples = "2026-27", pattern = SCHOOL_YEAR) String schoolYear,
                         @Schema(description = "The SIS student id (stays in this service)", pattern = "^[A-Za-z0-9._:\\-]{1,64}$")
                         String studentId,
                         @Schema(description = "PK, K or 1 to 12 (any case, up to two leading zeros)", examples = "7", pattern = GRADE)
                         String gradeLevel,
                         @Schema(description = "More than 0; half days allowed", examples = "170", minimum = "0",
                                 maximum = "366", multipleOf = 0.5) BigDecimal daysEnrolled,
                         @Schema(description = "At most daysEnrolled; half days allowed", examples = "12.5", minimum = "0",
                                 maximum = "366", multipleOf = 0.5) BigDecimal daysAbsent,
                         @Schema(description = "Optional: the student was on the school's fall count (true/false; 1/0 "
                                 + "and yes/no accepted). Feeds the enrollment-drop integrity check")
                         Boolean inFallCount,
                         @Schema(description = "Optional: the student left the school after the fall count and before "
                                 + "the testing window (true/false)") Boolean exitedBeforeTesting) {
    }
}
