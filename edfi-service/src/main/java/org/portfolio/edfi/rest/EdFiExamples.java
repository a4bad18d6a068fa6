package org.portfolio.edfi.rest;

/**
 * The request examples of the OpenAPI document: what an SIS or the district sends, in Ed-Fi Data Standard 5.x shapes
 * in the style of Ed-Fi's Grand Bend sample district (a middle school, school year 2021-22, the 8th-grade state
 * mathematics assessment), with a school id (255901901) and a student (605901) the sample does not have, so that an
 * example sent to a district loaded from the sample (as the system tests do) touches none of its records. Each PUT
 * example replaces the resource its POST example created (same natural key). EdFiApiTest sends every one of them,
 * read from the served document.
 */
final class EdFiExamples {

    private EdFiExamples() {
    }

    /** POST /edfi/mappings/schools: the Ed-Fi school is this school of the suite (its id in contracts-service). */
    static final String SCHOOL_MAPPING = """
            {"edfiSchoolId": 255901901, "schoolId": "9b1f6c3e-2d4a-4f7b-8e5c-6a0d3b2c1f44"}""";

    /** PUT /edfi/mappings/attendance-categories?namespace=uri://ed-fi.org/AttendanceEventCategoryDescriptor. */
    static final String ATTENDANCE_CATEGORIES = """
            [{"codeValue": "In Attendance", "absence": false},
             {"codeValue": "Excused Absence", "absence": true, "weight": 1},
             {"codeValue": "Unexcused Absence", "absence": true, "weight": 1},
             {"codeValue": "Partial", "absence": true, "weight": 0.5},
             {"codeValue": "Tardy", "absence": false},
             {"codeValue": "Early departure", "absence": false}]""";

    /** PUT /edfi/mappings/performance-levels?namespace=uri://ed-fi.org/PerformanceLevelDescriptor (3 and up: proficient). */
    static final String PERFORMANCE_LEVELS = """
            [{"codeValue": "Did Not Meet Standard", "performanceLevel": 2},
             {"codeValue": "Met Standard", "performanceLevel": 3},
             {"codeValue": "Advanced", "performanceLevel": 4}]""";

    /** PUT /edfi/mappings/academic-subjects?namespace=uri://ed-fi.org/AcademicSubjectDescriptor. */
    static final String ACADEMIC_SUBJECTS = """
            [{"codeValue": "Mathematics", "subject": "MATH"},
             {"codeValue": "Reading", "subject": "ELA"},
             {"codeValue": "English Language Arts", "subject": "ELA"}]""";

    /** PUT /edfi/mappings/reporting-methods?namespace=uri://ed-fi.org/AssessmentReportingMethodDescriptor. */
    static final String REPORTING_METHODS = """
            [{"codeValue": "Vertical score", "scaleScore": true},
             {"codeValue": "Raw score", "scaleScore": false},
             {"codeValue": "Lexile Measure", "scaleScore": false}]""";

    /**
     * POST schools: Grand Bend Lakeside Middle School as the suite reads it. An SIS sends Ed-Fi's whole School (its
     * categories, grade levels, local education agency…): fields the document does not declare are kept as posted.
     */
    static final String SCHOOL = """
            {"schoolId": 255901901,
             "nameOfInstitution": "Grand Bend Lakeside Middle School"}""";

    /** PUT schools/{id}: the same school, renamed. */
    static final String SCHOOL_REPLACED = """
            {"schoolId": 255901901,
             "nameOfInstitution": "Lakeside Middle School"}""";

    /** POST sessions: the fall semester of 2021-22 (schoolYear 2022), 81 instructional days. */
    static final String SESSION = """
            {"schoolReference": {"schoolId": 255901901},
             "schoolYearTypeReference": {"schoolYear": 2022},
             "sessionName": "2021-2022 Fall Semester",
             "beginDate": "2021-08-23",
             "endDate": "2021-12-17",
             "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall Semester",
             "totalInstructionalDays": 81}""";

    /** PUT sessions/{id}: the semester ends a day earlier, one instructional day fewer. */
    static final String SESSION_REPLACED = """
            {"schoolReference": {"schoolId": 255901901},
             "schoolYearTypeReference": {"schoolYear": 2022},
             "sessionName": "2021-2022 Fall Semester",
             "beginDate": "2021-08-23",
             "endDate": "2021-12-16",
             "termDescriptor": "uri://ed-fi.org/TermDescriptor#Fall Semester",
             "totalInstructionalDays": 80}""";

    /** POST studentSchoolAssociations: an eighth grader enrolled from the first day of school. */
    static final String ENROLLMENT = """
            {"studentReference": {"studentUniqueId": "605901"},
             "schoolReference": {"schoolId": 255901901},
             "entryDate": "2021-08-23",
             "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade",
             "schoolYearTypeReference": {"schoolYear": 2022}}""";

    /** PUT studentSchoolAssociations/{id}: the enrollment ends on the last day of the school year. */
    static final String ENROLLMENT_REPLACED = """
            {"studentReference": {"studentUniqueId": "605901"},
             "schoolReference": {"schoolId": 255901901},
             "entryDate": "2021-08-23",
             "entryGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade",
             "exitWithdrawDate": "2022-05-27",
             "schoolYearTypeReference": {"schoolYear": 2022}}""";

    /** POST studentSchoolAttendanceEvents: a whole day of excused absence in the fall semester. */
    static final String ATTENDANCE_EVENT = """
            {"attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence",
             "eventDate": "2021-10-12",
             "schoolReference": {"schoolId": 255901901},
             "sessionReference": {"schoolId": 255901901, "schoolYear": 2022, "sessionName": "2021-2022 Fall Semester"},
             "studentReference": {"studentUniqueId": "605901"},
             "eventDuration": 1}""";

    /** PUT studentSchoolAttendanceEvents/{id}: the same absence corrected to half a day. */
    static final String ATTENDANCE_EVENT_REPLACED = """
            {"attendanceEventCategoryDescriptor": "uri://ed-fi.org/AttendanceEventCategoryDescriptor#Excused Absence",
             "eventDate": "2021-10-12",
             "schoolReference": {"schoolId": 255901901},
             "sessionReference": {"schoolId": 255901901, "schoolYear": 2022, "sessionName": "2021-2022 Fall Semester"},
             "studentReference": {"studentUniqueId": "605901"},
             "eventDuration": 0.5}""";

    /** POST assessments: the state's 8th-grade mathematics assessment, its scores and performance levels. */
    static final String ASSESSMENT = """
            {"assessmentIdentifier": "SA-2022-Mathematics-Eighth grade",
             "namespace": "uri://ed-fi.org/Assessment/Assessment.xml",
             "assessmentTitle": "State Assessment",
             "academicSubjects": [{"academicSubjectDescriptor": "uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics"}],
             "assessedGradeLevels": [{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade"}],
             "scores": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "minimumScore": "0", "maximumScore": "50"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Vertical score",
                "minimumScore": "100", "maximumScore": "950"}],
             "performanceLevels": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Did Not Meet Standard",
                "minimumScore": "0", "maximumScore": "28"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Met Standard",
                "minimumScore": "29", "maximumScore": "44"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Advanced",
                "minimumScore": "45", "maximumScore": "50"}]}""";

    /** PUT assessments/{id}: the same assessment with the state's revised cut score for Met Standard. */
    static final String ASSESSMENT_REPLACED = """
            {"assessmentIdentifier": "SA-2022-Mathematics-Eighth grade",
             "namespace": "uri://ed-fi.org/Assessment/Assessment.xml",
             "assessmentTitle": "State Assessment",
             "academicSubjects": [{"academicSubjectDescriptor": "uri://ed-fi.org/AcademicSubjectDescriptor#Mathematics"}],
             "assessedGradeLevels": [{"gradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade"}],
             "scores": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "minimumScore": "0", "maximumScore": "50"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Vertical score",
                "minimumScore": "100", "maximumScore": "950"}],
             "performanceLevels": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Did Not Meet Standard",
                "minimumScore": "0", "maximumScore": "29"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Met Standard",
                "minimumScore": "30", "maximumScore": "44"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Advanced",
                "minimumScore": "45", "maximumScore": "50"}]}""";

    /** POST studentAssessments: a student's result on it, reported by the school (Met Standard, vertical score 781). */
    static final String STUDENT_ASSESSMENT = """
            {"studentAssessmentIdentifier": "RV-SA-2022-605901-MATH8",
             "assessmentReference": {"assessmentIdentifier": "SA-2022-Mathematics-Eighth grade",
                                     "namespace": "uri://ed-fi.org/Assessment/Assessment.xml"},
             "studentReference": {"studentUniqueId": "605901"},
             "schoolYearTypeReference": {"schoolYear": 2022},
             "reportedSchoolReference": {"schoolId": 255901901},
             "administrationDate": "2022-04-05T09:00:00",
             "whenAssessedGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade",
             "scoreResults": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "result": "43", "resultDatatypeTypeDescriptor": "uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Vertical score",
                "result": "781", "resultDatatypeTypeDescriptor": "uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer"}],
             "performanceLevels": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Met Standard",
                "performanceLevelIndicatorName": "Math Level Indicator"}]}""";

    /** PUT studentAssessments/{id}: the same result after a rescore (Advanced, vertical score 798). */
    static final String STUDENT_ASSESSMENT_REPLACED = """
            {"studentAssessmentIdentifier": "RV-SA-2022-605901-MATH8",
             "assessmentReference": {"assessmentIdentifier": "SA-2022-Mathematics-Eighth grade",
                                     "namespace": "uri://ed-fi.org/Assessment/Assessment.xml"},
             "studentReference": {"studentUniqueId": "605901"},
             "schoolYearTypeReference": {"schoolYear": 2022},
             "reportedSchoolReference": {"schoolId": 255901901},
             "administrationDate": "2022-04-05T09:00:00",
             "whenAssessedGradeLevelDescriptor": "uri://ed-fi.org/GradeLevelDescriptor#Eighth grade",
             "scoreResults": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "result": "45", "resultDatatypeTypeDescriptor": "uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer"},
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Vertical score",
                "result": "798", "resultDatatypeTypeDescriptor": "uri://ed-fi.org/ResultDatatypeTypeDescriptor#Integer"}],
             "performanceLevels": [
               {"assessmentReportingMethodDescriptor": "uri://ed-fi.org/AssessmentReportingMethodDescriptor#Raw score",
                "performanceLevelDescriptor": "uri://ed-fi.org/PerformanceLevelDescriptor#Advanced",
                "performanceLevelIndicatorName": "Math Level Indicator"}]}""";
}
