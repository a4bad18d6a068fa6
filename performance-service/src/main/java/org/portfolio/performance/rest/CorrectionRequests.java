package org.portfolio.performance.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.CorrectionAction;
import org.portfolio.performance.domain.CorrectionReasonCode;
import org.portfolio.platform.web.vocabulary.Grade;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The bodies of the correction endpoints: 1 to 500 items by natural key, one reason code, an optional note. */
final class CorrectionRequests {

    private CorrectionRequests() {
    }

    static final String SCHOOL_YEAR = "^\\d{4}-\\d{2}$";

    /**
     * 400 naming each item whose school year matches the pattern but is not one ("2026-99"): the records are keyed by
     * the first year, the figures by the whole name, so such a correction changed the records and left the figures
     * (review of 2026-12-05).
     */
    static void requireSchoolYears(java.util.List<String> years) {
        java.util.List<org.portfolio.platform.web.problem.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < years.size(); i++) {
            String problem = org.portfolio.performance.domain.SchoolYear.problem(years.get(i));
            if (problem != null) {
                errors.add(new org.portfolio.platform.web.problem.FieldError("items[" + i + "].schoolYear", problem));
            }
        }
        if (!errors.isEmpty()) {
            throw org.portfolio.platform.web.problem.ProblemException.invalid(errors);
        }
    }
    static final String STUDENT_ID = "^[A-Za-z0-9._:\\-]{1,64}$";
    static final String SUBJECT = "^[A-Z][A-Z0-9_]{0,19}$";
    static final String TEST_CODE = "^[A-Za-z0-9._\\-]{1,40}$";
    static final String GRADE = "^(PK|K|[1-9]|1[0-2])$";
    static final String REASON_CODE = "Why the records are corrected, from a closed list. The only \"why\" that is "
            + "published with the consequences (MetricResultRecorded, BenchmarkEvaluated, the contract and grant histories, "
            + "the decision-rights answer). Required, except with the deprecated reason (then OTHER).";
    static final String NOTE = "Optional free text for the audit (at most 500 characters). Never published: kept only in "
            + "this service's correction audit, read by those who may read the student records of every school of the "
            + "correction, and erased with the records of a student who has an item in the correction.";
    static final String REASON = "Deprecated (issue 15): the old free-text reason. Accepted during the deprecation "
            + "period as the note, the reason code then defaulting to OTHER; refused together with note. Never published.";

    @Schema(description = "Corrections or retractions of stored assessment results, all or nothing")
    record AssessmentCorrections(
            @Schema(description = REASON_CODE) CorrectionReasonCode reasonCode,
            @Schema(description = NOTE, examples = "Scoring error in the spring ELA batch: levels re-sent by the vendor")
            @Size(max = 500) String note,
            @Schema(description = REASON, deprecated = true) @Size(max = 500) String reason,
            @Schema(description = "1 to 500 items; each names a stored result by its natural key")
            @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull AssessmentItem> items) {
    }

    @Schema(description = "One assessment result by its natural key (school, school year, student, subject, test) and "
            + "what to do: CORRECT replaces its values with the ones given (an optional value left out becomes absent), "
            + "RETRACT removes it (no values)")
    record AssessmentItem(@NotNull UUID schoolId,
                          @Schema(examples = "2026-27") @NotNull @Pattern(regexp = SCHOOL_YEAR) String schoolYear,
                          @Schema(description = "The SIS student id (stays in this service)") @NotNull @Pattern(regexp = STUDENT_ID) String studentId,
                          @Schema(examples = "ELA") @NotNull @Pattern(regexp = SUBJECT) String subject,
                          @Schema(examples = "STATE") @NotNull @Pattern(regexp = TEST_CODE) String testCode,
                          @NotNull CorrectionAction action,
                          @Schema(description = "PK, K or 1 to 12", ref = Grade.SCHEMA) @Pattern(regexp = GRADE) String gradeLevel,
                          @Schema(description = "Required to CORRECT") @Min(1) @Max(5) Integer performanceLevel,
                          @Min(0) @Max(100000) Integer scaleScore,
                          @Schema(description = "Student growth percentile") @Min(1) @Max(99) Integer growthPercentile) {
    }

    @Schema(description = "Corrections or retractions of stored attendance records, all or nothing")
    record AttendanceCorrections(
            @Schema(description = REASON_CODE) CorrectionReasonCode reasonCode,
            @Schema(description = NOTE, examples = "Attendance of the first week re-sent after the SIS migration")
            @Size(max = 500) String note,
            @Schema(description = REASON, deprecated = true) @Size(max = 500) String reason,
            @Schema(description = "1 to 500 items; each names a stored record by its natural key")
            @NotNull @Size(min = 1, max = 500) List<@Valid @NotNull AttendanceItem> items) {
    }

    @Schema(description = "One attendance record by its natural key (school, school year, student) and what to do: "
            + "CORRECT replaces its values (daysEnrolled and daysAbsent required), RETRACT removes it (no values)")
    record AttendanceItem(@NotNull UUID schoolId,
                          @Schema(examples = "2026-27") @NotNull @Pattern(regexp = SCHOOL_YEAR) String schoolYear,
                          @Schema(description = "The SIS student id (stays in this service)") @NotNull @Pattern(regexp = STUDENT_ID) String studentId,
                          @NotNull CorrectionAction action,
                          @Schema(description = "PK, K or 1 to 12", ref = Grade.SCHEMA) @Pattern(regexp = GRADE) String gradeLevel,
                          @Schema(description = "More than 0, whole or half days; required to CORRECT", multipleOf = 0.5)
                          @DecimalMin("0.5") @DecimalMax("366") BigDecimal daysEnrolled,
                          @Schema(description = "At most daysEnrolled, whole or half days; required to CORRECT", multipleOf = 0.5)
                          @DecimalMin("0") @DecimalMax("366") BigDecimal daysAbsent) {
    }

    @Schema(description = "The erasure of one student's records on request (the right to erasure)")
    record ErasureRequest(
            @Schema(description = "The SIS student id whose records are deleted (not stored: the audit keeps a keyed hash)")
            @NotNull @Pattern(regexp = STUDENT_ID) String studentId,
            @Schema(description = "Only this school's records (absent: every school)") UUID schoolId,
            @Schema(description = "Why (1–500 characters; must not contain the student id), e.g. the request's reference",
                    examples = "Parent request REF-2026-114")
            @NotBlank @Size(max = 500) String reason) {
    }
}
