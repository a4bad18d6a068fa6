package org.portfolio.edfi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.edfi.domain.EdFiDocument;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The documents of the Ed-Fi resources as the OpenAPI document shows them (Ed-Fi Data Standard 5.x names).
 * Only the fields the suite reads and checks are declared; any other Ed-Fi field (educationOrganizationCategories,
 * gradeLevels, attendanceEventReason, ...) is kept as posted and answered back, unchecked except for its text. A GET answers
 * them with the server's {@code id}, {@code _etag} and {@code _lastModifiedDate}.
 */
public final class EdFiSchemas {

    /**
     * A descriptor URI {@code namespace#CodeValue} as {@code Descriptor.parse} reads it: no part empty, none with a
     * leading or trailing space, no {@code #} in the code value, a namespace of at most 255 characters and a code value of
     * at most 50 ({@code Descriptor.MAX_NAMESPACE}, {@code MAX_CODE_VALUE}: fifteenth pass, the pattern said neither, so
     * a code value of 51 passed the document and was a 400). Spaces as ASCII ones: Java's strip() refuses a few more
     * (so the document is never stricter than what the server stored and answers back).
     */
    static final String DESCRIPTOR = "^[^ \\t\\n\\r\\f\\x0B]([\\s\\S]{0,253}[^ \\t\\n\\r\\f\\x0B])?#[^ \\t\\n\\r\\f\\x0B#]([^#]{0,48}[^ \\t\\n\\r\\f\\x0B#])?$";
    /** Text without leading or trailing spaces (identifiers, names of the natural keys). */
    static final String TEXT = "^[^ \\t\\n\\r\\f\\x0B]([\\s\\S]*[^ \\t\\n\\r\\f\\x0B])?$";

    private EdFiSchemas() {
    }

    @Schema(name = "edFi_schoolReference")
    public record SchoolReference(@Schema(required = true, minimum = "1", maximum = "999999999999") long schoolId) {
    }

    @Schema(name = "edFi_schoolYearTypeReference")
    public record SchoolYearTypeReference(@Schema(required = true, description = "The year in which the school year ends (2022 = 2021-22)",
            minimum = "1991", maximum = "2100") int schoolYear) {
    }

    @Schema(name = "edFi_studentReference")
    public record StudentReference(@Schema(required = true, pattern = "^[A-Za-z0-9._:\\-]{1,32}$") String studentUniqueId) {
    }

    @Schema(name = "edFi_sessionReference")
    public record SessionReference(@Schema(description = "The school of the event: the schoolReference's schoolId when given", minimum = "1", maximum = "999999999999") Long schoolId,
                                   @Schema(required = true, minimum = "1991", maximum = "2100") int schoolYear,
                                   @Schema(required = true, minLength = 1, maxLength = 60, pattern = TEXT) String sessionName) {
    }

    @Schema(name = "edFi_school", description = "An Ed-Fi School (natural key schoolId). The suite reads its id and name; Ed-Fi's other School fields (categories, grade levels, …) are kept as posted")
    public record School(@Schema(description = "Server-assigned resource id (32 hex digits)", readOnly = true) String id,
                         @Schema(required = true, minimum = "1", maximum = "999999999999") long schoolId,
                         @Schema(required = true, minLength = 1, maxLength = 75, pattern = TEXT) String nameOfInstitution,
                         @Schema(readOnly = true) String _etag,
                         @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }

    @Schema(name = "edFi_session", description = "An Ed-Fi Session (natural key schoolId, schoolYear, sessionName). "
            + "Its endDate is not before its beginDate, it lasts at most 366 days (both included), and both dates fall "
            + "from 1 April of the calendar year before schoolYear to 30 September of schoolYear: else a 400 naming the date")
    public record Session(@Schema(readOnly = true) String id,
                          @Schema(required = true) SchoolReference schoolReference,
                          @Schema(required = true) SchoolYearTypeReference schoolYearTypeReference,
                          @Schema(required = true, minLength = 1, maxLength = 60, pattern = TEXT) String sessionName,
                          @Schema(required = true) LocalDate beginDate,
                          @Schema(required = true) LocalDate endDate,
                          @Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/TermDescriptor#Fall Semester") String termDescriptor,
                          @Schema(required = true, minimum = "0", maximum = "366") int totalInstructionalDays,
                          @Schema(readOnly = true) String _etag,
                          @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }

    @Schema(name = "edFi_studentSchoolAssociation", description = "An Ed-Fi StudentSchoolAssociation, an enrollment "
            + "(natural key entryDate, schoolId, studentUniqueId)")
    public record StudentSchoolAssociation(@Schema(readOnly = true) String id,
                                           @Schema(required = true) LocalDate entryDate,
                                           @Schema(required = true) SchoolReference schoolReference,
                                           @Schema(required = true) StudentReference studentReference,
                                           @Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade")
                                           String entryGradeLevelDescriptor,
                                           @Schema(description = "The last day enrolled; absent while enrolled") LocalDate exitWithdrawDate,
                                           SchoolYearTypeReference schoolYearTypeReference,
                                           @Schema(readOnly = true) String _etag,
                                           @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }

    @Schema(name = "edFi_studentSchoolAttendanceEvent", description = "An Ed-Fi StudentSchoolAttendanceEvent (natural key "
            + "attendanceEventCategoryDescriptor, eventDate, schoolId, schoolYear, sessionName, studentUniqueId)")
    public record StudentSchoolAttendanceEvent(@Schema(readOnly = true) String id,
                                               @Schema(required = true, maxLength = 306, pattern = DESCRIPTOR,
                                                       examples = "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence")
                                               String attendanceEventCategoryDescriptor,
                                               @Schema(required = true) LocalDate eventDate,
                                               @Schema(required = true) SchoolReference schoolReference,
                                               @Schema(required = true) SessionReference sessionReference,
                                               @Schema(required = true) StudentReference studentReference,
                                               @Schema(description = "Days: 1 = a day, 0.5 = half a day (1 when absent); at most two decimals", minimum = "0", maximum = "1")
                                               BigDecimal eventDuration,
                                               @Schema(readOnly = true) String _etag,
                                               @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }

    @Schema(name = "edFi_assessmentReference")
    public record AssessmentReference(@Schema(required = true, minLength = 1, maxLength = 60, pattern = TEXT) String assessmentIdentifier,
                                      @Schema(required = true, minLength = 1, maxLength = 255, pattern = TEXT, examples = "uri://district.example/Assessment") String namespace) {
    }

    @Schema(name = "edFi_assessmentAcademicSubject")
    public record AcademicSubject(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics")
                                  String academicSubjectDescriptor) {
    }

    @Schema(name = "edFi_assessmentAssessedGradeLevel")
    public record AssessedGradeLevel(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade")
                                     String gradeLevelDescriptor) {
    }

    @Schema(name = "edFi_assessmentPerformanceLevel", description = "A performance level of the assessment (stored as posted; its score range is not read)")
    public record AssessmentPerformanceLevel(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR) String assessmentReportingMethodDescriptor,
                                             @Schema(required = true, maxLength = 306, pattern = DESCRIPTOR) String performanceLevelDescriptor,
                                             @Schema(maxLength = 35) String minimumScore,
                                             @Schema(maxLength = 35) String maximumScore) {
    }

    @Schema(name = "edFi_assessmentScore")
    public record AssessmentScore(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR) String assessmentReportingMethodDescriptor,
                                  @Schema(maxLength = 35) String minimumScore,
                                  @Schema(maxLength = 35) String maximumScore) {
    }

    @Schema(name = "edFi_assessment", description = "An Ed-Fi Assessment (natural key assessmentIdentifier, namespace). Its "
            + "academicSubjects give the subject of its results (mapped: /edfi/mappings/academic-subjects)")
    public record Assessment(@Schema(readOnly = true) String id,
                             @Schema(required = true, minLength = 1, maxLength = 60, pattern = TEXT, examples = "STATE-MATH-8") String assessmentIdentifier,
                             @Schema(required = true, minLength = 1, maxLength = 255, pattern = TEXT, examples = "uri://district.example/Assessment") String namespace,
                             @Schema(required = true, minLength = 1, maxLength = 255, pattern = TEXT) String assessmentTitle,
                             @Schema(maxItems = 100) java.util.List<AcademicSubject> academicSubjects,
                             @Schema(maxItems = 100, description = "Each a grade level descriptor (stored as posted)")
                             java.util.List<AssessedGradeLevel> assessedGradeLevels,
                             @Schema(maxItems = 100) java.util.List<AssessmentScore> scores,
                             @Schema(maxItems = 100) java.util.List<AssessmentPerformanceLevel> performanceLevels,
                             @Schema(readOnly = true) String _etag,
                             @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }

    @Schema(name = "edFi_studentAssessmentScoreResult")
    public record ScoreResult(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Scale score")
                              String assessmentReportingMethodDescriptor,
                              @Schema(required = true, minLength = 1, maxLength = 35, examples = "691") String result,
                              @Schema(maxLength = 306, examples = "uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer") String resultDatatypeTypeDescriptor) {
    }

    @Schema(name = "edFi_studentAssessmentPerformanceLevel")
    public record StudentPerformanceLevel(@Schema(required = true, maxLength = 306, pattern = DESCRIPTOR) String assessmentReportingMethodDescriptor,
                                          @Schema(required = true, maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/PerformanceLevelDescriptor#Met Standard")
                                          String performanceLevelDescriptor,
                                          @Schema(maxLength = 60) String performanceLevelIndicatorName) {
    }

    @Schema(name = "edFi_studentAssessment", description = "An Ed-Fi StudentAssessment, a student's result on an assessment (natural "
            + "key assessmentIdentifier, namespace, studentAssessmentIdentifier, studentUniqueId). The school year is "
            + "schoolYearTypeReference's, else the one of administrationDate (one of them is required)")
    public record StudentAssessment(@Schema(readOnly = true) String id,
                                    @Schema(required = true, minLength = 1, maxLength = 60, pattern = TEXT) String studentAssessmentIdentifier,
                                    @Schema(required = true) AssessmentReference assessmentReference,
                                    @Schema(required = true) StudentReference studentReference,
                                    SchoolYearTypeReference schoolYearTypeReference,
                                    @Schema(description = "The school that reported the result (else the school of the student's enrollment of the year)")
                                    SchoolReference reportedSchoolReference,
                                    @Schema(description = "A date, optionally with a time (yyyy-MM-ddTHH:mm[:ss[.fffffff]]) and an "
                                            + "offset, as Ed-Fi clients send it; answered as it was sent. Not `format: date-time`, "
                                            + "which requires the time and the offset", maxLength = 40,
                                            pattern = EdFiDocument.DATE_TIME_PATTERN, examples = "2022-04-01T16:00:00")
                                    String administrationDate,
                                    @Schema(maxLength = 306, pattern = DESCRIPTOR, examples = "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade") String whenAssessedGradeLevelDescriptor,
                                    @Schema(maxLength = 306, pattern = DESCRIPTOR, description = "Present when the student was not tested (the record's participation is NOT_TESTED)")
                                    String reasonNotTestedDescriptor,
                                    @Schema(maxItems = 100) java.util.List<ScoreResult> scoreResults,
                                    @Schema(maxItems = 100) java.util.List<StudentPerformanceLevel> performanceLevels,
                                    @Schema(readOnly = true) String _etag,
                                    @Schema(readOnly = true, format = "date-time") String _lastModifiedDate) {
    }
}
