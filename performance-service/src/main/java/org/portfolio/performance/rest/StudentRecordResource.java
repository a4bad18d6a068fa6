package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.service.RetentionService;
import org.portfolio.performance.service.StudentRecordService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.UUID;

/** Student-level records are personal data: the district admin, and an SIS for the schools in its token, only. */
@Path("/api/performance/student-records")
@Tag(name = "Student records", description = "Student-level assessment and attendance records (personal data)")
@Produces(MediaType.APPLICATION_JSON)
public class StudentRecordResource {

    static final String YEAR = "School year, e.g. 2026-27";

    /** A parent's erasure request for one school's records, named by the request's reference. */
    private static final String ERASURE_EXAMPLE = """
            {"studentId": "RV301-C2031-014", "schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11",
             "reason": "Parent request REF-2026-114 (records held by Eastside Innovation Middle School)"}""";

    private static final String SEARCH_EXAMPLE = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
             "subject": "ELA"}""";

    private static final String ATTENDANCE_SEARCH_EXAMPLE = """
            {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014"}""";

    @Inject
    StudentRecordService records;

    @Inject
    Caller caller;

    @Inject
    RetentionService retention;

    private void check(UUID schoolId, String schoolYear) {
        String p = SchoolYear.problem(schoolYear);
        if (p != null) {
            throw ProblemException.invalid("schoolYear", p);
        }
        if (!caller.hasRole(Roles.DISTRICT_ADMIN) && !caller.schoolScope().covers(schoolId)) {
            throw ProblemException.forbidden("Your client is not scoped to school " + schoolId);
        }
    }

    @GET
    @Path("/assessments")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Assessment results of a school and year",
            description = "The stored student-level assessment results of one school and school year (personal data: a "
                    + "district admin, or an SIS client for the schools in its token), by subject, student and test; "
                    + "filter by student and subject. A student id in a query string is kept by whatever sees the URL on "
                    + "the way (a proxy's or load balancer's access log): prefer POST …/assessments/search, which takes "
                    + "it in its body.")
    @APIResponse(responseCode = "200", description = "One page of assessment records")
    public Page<AssessmentRecordResponse> assessments(@Parameter(required = true, description = "The school") @QueryParam("schoolId") @NotNull UUID schoolId,
                                                                 @Parameter(required = true, description = YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear,
                                                                 @Parameter(description = "Only this SIS student id") @QueryParam("studentId") @Size(max = 64) String studentId,
                                                                 @Parameter(description = "Only this subject, e.g. ELA") @QueryParam("subject") @Size(max = 20) String subject,
                                                                 @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                                 @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size)
            throws SQLException {
        check(schoolId, schoolYear);
        return records.assessments(schoolId, schoolYear, studentId, subject, page, size).map(AssessmentRecordResponse::of);
    }

    @GET
    @Path("/attendance")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Attendance records of a school and year",
            description = "The stored student-level attendance of one school and school year (personal data: a district "
                    + "admin, or an SIS client for the schools in its token), by student; filter by student. A student id "
                    + "in a query string is kept by whatever sees the URL on the way: prefer POST …/attendance/search.")
    @APIResponse(responseCode = "200", description = "One page of attendance records")
    public Page<AttendanceRecordResponse> attendance(@Parameter(required = true, description = "The school") @QueryParam("schoolId") @NotNull UUID schoolId,
                                                                   @Parameter(required = true, description = YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear,
                                                                   @Parameter(description = "Only this SIS student id") @QueryParam("studentId") @Size(max = 64) String studentId,
                                                                   @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                                   @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size)
            throws SQLException {
        check(schoolId, schoolYear);
        return records.attendance(schoolId, schoolYear, studentId, page, size).map(AttendanceRecordResponse::of);
    }

    @POST
    @Path("/assessments/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Assessment results of a school and year (search in the body)",
            description = "As GET /api/performance/student-records/assessments, with the student id in the body, out of "
                    + "every URL log on the way. Reads only.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "one student's ELA results", value = SEARCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "One page of assessment records")
    @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = org.portfolio.platform.web.openapi.ProblemResponses.READS_ONLY,
            value = "true", parseValue = true)
    public Page<AssessmentRecordResponse> searchAssessments(@Valid @NotNull StudentRecordSearchRequest r) throws SQLException {
        check(r.schoolId(), r.schoolYear());
        return records.assessments(r.schoolId(), r.schoolYear(), r.studentId(), r.subject(), r.pageOrFirst(), r.sizeOrDefault())
                .map(AssessmentRecordResponse::of);
    }

    @POST
    @Path("/attendance/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Attendance records of a school and year (search in the body)",
            description = "As GET /api/performance/student-records/attendance, with the student id in the body, out of "
                    + "every URL log on the way; subject is not a filter of attendance (400). Reads only.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "one student's attendance", value = ATTENDANCE_SEARCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "One page of attendance records")
    @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = org.portfolio.platform.web.openapi.ProblemResponses.READS_ONLY,
            value = "true", parseValue = true)
    public Page<AttendanceRecordResponse> searchAttendance(@Valid @NotNull StudentRecordSearchRequest r) throws SQLException {
        if (r.subject() != null) {
            throw ProblemException.invalid("subject", "not a filter of attendance records");
        }
        check(r.schoolId(), r.schoolYear());
        return records.attendance(r.schoolId(), r.schoolYear(), r.studentId(), r.pageOrFirst(), r.sizeOrDefault())
                .map(AttendanceRecordResponse::of);
    }

    @POST
    @Path("/erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Erase one student's records on request",
            description = "Deletes every assessment result and attendance record of one SIS student id (in every school, or "
                    + "in the one named), and blanks the student's key and values in the correction audit. Audited with "
                    + "counts and an HMAC-SHA-256 of the student id, never the id itself (GET /retention/purges). School "
                    + "metric values and ratings already recorded are aggregates and stay as published; a later upload or "
                    + "correction of the same school-year recomputes them without the student. The reason must not contain "
                    + "the student id. An erasure that finds nothing is audited too (counts 0).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "parent request", value = ERASURE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The erasure as audited",
            content = @Content(schema = @Schema(implementation = PurgeResponse.class)))
    public PurgeResponse erase(@Valid @NotNull CorrectionRequests.ErasureRequest r) throws SQLException {
        return PurgeResponse.of(retention.erase(r.studentId(), r.schoolId(), r.reason(), caller.id()));
    }
}
