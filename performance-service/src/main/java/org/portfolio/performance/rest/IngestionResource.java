package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.service.IngestionService;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;
import org.portfolio.platform.web.security.SchoolScope;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * SIS bulk uploads. The body is an {@link InputStream}: Quarkus REST hands it over as the bytes arrive (it buffers
 * only its small input buffer), so the service parses and stores rows while the client is still sending.
 */
@Path("/api/performance/ingest")
// every operation here is an upload, and they all answer alike: said once for the six (class-level responses apply to
// each operation of the class)
@APIResponse(responseCode = "201", description = IngestionResource.CREATED,
        content = @Content(schema = @Schema(implementation = IngestionJobResponse.class)),
        headers = @Header(name = "Idempotent-Replayed", description = IngestionResource.REPLAYED,
                schema = @Schema(type = SchemaType.STRING, enumeration = "true")))
@APIResponse(responseCode = "400", description = IngestionResource.MALFORMED)
@APIResponse(responseCode = "409", description = IngestionResource.KEY_IN_USE)
@APIResponse(responseCode = "413", description = IngestionResource.TOO_LARGE)
@APIResponse(responseCode = "422", description = IngestionResource.REJECTED)
@APIResponse(responseCode = "503", description = IngestionResource.BUSY)
@Tag(name = "SIS ingestion", description = "Bulk upsert of school-level values and student-level assessment and attendance records (JSON or CSV)")
@Produces(MediaType.APPLICATION_JSON)
public class IngestionResource {

    static final String CSV = "text/csv";
    private static final String ROWS = "Each row is checked on its own: the good rows are kept, every bad one is "
            + "answered with its row number (1 = the first JSON element or the first CSV record after the header), field "
            + "and message, and the whole upload is one transaction. Re-posting identical rows changes nothing. Send an "
            + "Idempotency-Key to make retries safe.";
    static final String CREATED = "Processed: the job with what was received, kept, rejected and changed, and "
            + "its first row errors; Location names the job, and Idempotent-Replayed: true says this is the first answer "
            + "to the same Idempotency-Key, replayed";
    static final String MALFORMED = "The body cannot be read as a whole (malformed-body: broken JSON, unknown "
            + "CSV columns, a CSV without its header, beyond the parser's limits) and nothing was kept; or the "
            + "Idempotency-Key is invalid";
    static final String KEY_IN_USE = "The first request with this Idempotency-Key is still running "
            + "(idempotency-key-in-use)";
    static final String TOO_LARGE = "The body is larger than the upload limit (payload-too-large), with or "
            + "without Content-Length; nothing was kept";
    static final String REJECTED = "The first rows were all rejected (upload-rows-rejected: the upload was "
            + "stopped, nothing kept, errors[] lists the first row errors); or the Idempotency-Key was used before for "
            + "a different request (idempotency-key-reused)";
    static final String BUSY = "This instance is taking as many uploads as it takes at once (16 by default: "
            + "service-unavailable, answered before the body is read), it cannot check tokens yet (starting), or its "
            + "database is unavailable or busy; nothing was kept: send it again after Retry-After";
    private static final String KEY = "Makes retries safe: the first answer is replayed for 24 h";
    static final String REPLAYED = "\"true\" when this answer is the replay of the first request with the same "
            + "Idempotency-Key (nothing was uploaded again); absent on the first answer";
    /** What each upload's CSV holds (the operation taking JSON or CSV and its CSV-only twin say the same). */
    private static final String CSV_SCHOOL_METRICS = "A header row naming the fields (schoolId or districtCode, schoolYear, "
            + "metricCode, value, n), then one row per value";
    private static final String CSV_ASSESSMENTS = "A header row naming the fields (schoolId or districtCode, schoolYear, "
            + "studentId, subject, testCode, gradeLevel, performanceLevel, scaleScore, growthPercentile, and optionally "
            + "participation), then one row per result";
    private static final String CSV_ATTENDANCE = "A header row naming the fields (schoolId or districtCode, schoolYear, "
            + "studentId, gradeLevel, daysEnrolled, daysAbsent, and optionally inFallCount, exitedBeforeTesting), then one "
            + "row per student";
    /** What {@code IdempotencyClaims} takes: 1 to 200 visible ASCII characters. */
    private static final String KEY_PATTERN = "^[!-~]+$";

    @Inject
    IngestionService ingestion;

    @Inject
    Caller caller;

    @POST
    @Path("/school-metrics")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload school-level metric values",
            description = "Upserts school-level values (graduation rate, days cash on hand, …) on school + metric + school "
                    + "year, as a JSON array of rows or a CSV with a header row. Only SCHOOL_LEVEL metrics can be posted; "
                    + "computed ones come from student records or the enrollment match. " + ROWS)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = UploadRows.SchoolMetricRow.class),
                    examples = @ExampleObject(name = "high school year-end values", value = IngestionExamples.SCHOOL_METRICS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
                    description = CSV_SCHOOL_METRICS))})
    public Response schoolMetrics(InputStream body, @Context HttpHeaders headers,
                                  @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                  @HeaderParam("Idempotency-Key") String idempotencyKey,
                                  @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.SCHOOL_METRICS, body, headers, idempotencyKey, uri, http);
    }

    @POST
    @Path("/assessments")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload student assessment results",
            description = "Upserts student results on school + school year + subject + student + test, as a JSON array of "
                    + "rows or a CSV with a header row. Streams: a million rows need no more memory than ten. The affected "
                    + "schools' proficiency and growth metrics and their ratings are recomputed before the answer. " + ROWS)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = UploadRows.AssessmentRow.class),
                    examples = @ExampleObject(name = "state test results", value = IngestionExamples.ASSESSMENTS)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
                    description = CSV_ASSESSMENTS))})
    public Response assessments(InputStream body, @Context HttpHeaders headers,
                                @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                  @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.ASSESSMENTS, body, headers, idempotencyKey, uri, http);
    }

    @POST
    @Path("/attendance")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload student attendance",
            description = "Upserts each student's attendance for a school year (days enrolled and absent, half days "
                    + "allowed) on school + school year + student, as a JSON array of rows or a CSV with a header row. The "
                    + "affected schools' chronic absenteeism and ratings are recomputed before the answer. " + ROWS)
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = UploadRows.AttendanceRow.class),
                    examples = @ExampleObject(name = "attendance for the year", value = IngestionExamples.ATTENDANCE)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
                    description = CSV_ATTENDANCE))})
    public Response attendance(InputStream body, @Context HttpHeaders headers,
                               @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                  @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.ATTENDANCE, body, headers, idempotencyKey, uri, http);
    }

    /*
     * The same three uploads for a CSV body alone. A code generator types an operation's body from its first media type
     * only, so a generated client could send the operations above nothing but JSON rows: a CSV string failed in the
     * client (outside check of a generated Python client, eleventh pass). Here the body is a string in every generated
     * client; the operations above still take either.
     */

    @POST
    @Path("/school-metrics/csv")
    @Consumes(CSV)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "createPerformanceIngestSchoolMetricCsv", summary = "Upload school-level metric values as CSV",
            description = "POST /school-metrics for a CSV body only (a generated client sends a string here). " + ROWS)
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            description = CSV_SCHOOL_METRICS)))
    public Response schoolMetricsCsv(InputStream body, @Context HttpHeaders headers,
                                     @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                     @HeaderParam("Idempotency-Key") String idempotencyKey,
                                     @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.SCHOOL_METRICS, UploadFormat.CSV, body, headers, idempotencyKey, uri, http);
    }

    @POST
    @Path("/assessments/csv")
    @Consumes(CSV)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "createPerformanceIngestAssessmentCsv", summary = "Upload student assessment results as CSV",
            description = "POST /assessments for a CSV body only (a generated client sends a string here). " + ROWS)
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            description = CSV_ASSESSMENTS)))
    public Response assessmentsCsv(InputStream body, @Context HttpHeaders headers,
                                   @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                   @HeaderParam("Idempotency-Key") String idempotencyKey,
                                   @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.ASSESSMENTS, UploadFormat.CSV, body, headers, idempotencyKey, uri, http);
    }

    @POST
    @Path("/attendance/csv")
    @Consumes(CSV)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "createPerformanceIngestAttendanceCsv", summary = "Upload student attendance as CSV",
            description = "POST /attendance for a CSV body only (a generated client sends a string here). " + ROWS)
    @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING,
            description = CSV_ATTENDANCE)))
    public Response attendanceCsv(InputStream body, @Context HttpHeaders headers,
                                  @Parameter(description = KEY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200, pattern = KEY_PATTERN))
                                  @HeaderParam("Idempotency-Key") String idempotencyKey,
                                  @Context UriInfo uri, @Context RoutingContext http) {
        return upload(IngestionKind.ATTENDANCE, UploadFormat.CSV, body, headers, idempotencyKey, uri, http);
    }

    private Response upload(IngestionKind kind, InputStream body, HttpHeaders headers, String idempotencyKey, UriInfo uri,
                            RoutingContext http) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return upload(kind, contentType != null && contentType.toLowerCase().startsWith(CSV) ? UploadFormat.CSV
                : UploadFormat.JSON, body, headers, idempotencyKey, uri, http);
    }

    /** The upload in the given format (a CSV-only operation's is CSV whatever its Content-Type says). */
    private Response upload(IngestionKind kind, UploadFormat format, InputStream body, HttpHeaders headers,
                            String idempotencyKey, UriInfo uri, RoutingContext http) {
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Long contentLength = contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        SchoolScope scope = caller.schoolScope();
        IngestionService.Uploader who = new IngestionService.Uploader(caller.id(),
                caller.hasRole(Roles.DISTRICT_ADMIN) || scope.allSchools(), scope.ids());
        IngestionService.Outcome o;
        try {
            o = ingestion.ingest(who, new IngestionService.Upload(kind, format, body, contentLength, contentType,
                    idempotencyKey, uri.getPath()));
        } catch (ProblemException e) {
            if ("close".equalsIgnoreCase(e.headers().get("Connection"))) {
                StoppedUploads.dropTheRest(http);
            }
            throw e;
        }
        Response.ResponseBuilder rb = Response.created(URI.create("/api/performance/ingest/jobs/" + o.job().id))
                .entity(IngestionJobResponse.of(o.job(), o.errors()));
        if (o.replayed()) {
            rb.header("Idempotent-Replayed", "true");
        }
        return rb.build();
    }

    /** Vert.x refuses a malformed Content-Length before this runs; null when absent (a chunked body). */
    private static Long contentLength(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
