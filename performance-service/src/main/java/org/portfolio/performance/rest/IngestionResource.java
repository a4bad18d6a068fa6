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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.UploadFormat;
import org.portfolio.performance.service.IngestionService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

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
@Tag(name = "SIS ingestion", description = "Bulk upsert of school-level values and student-level assessment and attendance records (JSON or CSV)")
@Produces(MediaType.APPLICATION_JSON)
public class IngestionResource {

    static final String CSV = "text/csv";

    @Inject
    IngestionService ingestion;

    @Inject
    Caller caller;

    @POST
    @Path("/school-metrics")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload school-level metric values",
            description = "Rows: schoolId (or districtCode), schoolYear, metricCode, value, n (optional). Upsert on school + metric + year. "
                    + "Only SCHOOL_LEVEL metrics can be posted; computed ones come from student records or enrollment.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = SchoolMetricRow.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "Header row with the field names, then one row per value"))})
    @APIResponse(responseCode = "201", description = "Processed; Location names the job. Good rows are kept, bad rows listed in errors",
            content = @Content(schema = @Schema(implementation = IngestionJobResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or beyond the parser's limits (nothing kept); or an invalid Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the upload limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json or text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request; or the first rows were all rejected (upload-rows-rejected: stopped, nothing kept)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response schoolMetrics(InputStream body, @HeaderParam("Content-Type") String contentType,
                                  @HeaderParam("Content-Length") Long contentLength,
                                  @Parameter(description = "Makes retries safe: the first answer is replayed for 24 h")
                                  @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri,
                                  @Context RoutingContext http) {
        return upload(IngestionKind.SCHOOL_METRICS, body, contentType, contentLength, idempotencyKey, uri, http);
    }

    @POST
    @Path("/assessments")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload student assessment results",
            description = "Rows: schoolId (or districtCode), schoolYear, studentId, subject, testCode, gradeLevel, performanceLevel (1-5), "
                    + "scaleScore, growthPercentile (1-99). Upsert on school + year + subject + student + test. Streams: "
                    + "a million rows need no more memory than ten. The affected schools' metrics and ratings are "
                    + "recomputed before the answer.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AssessmentRow.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "Header row with the field names, then one row per result"))})
    @APIResponse(responseCode = "201", description = "Processed; Location names the job. Good rows are kept, bad rows listed in errors",
            content = @Content(schema = @Schema(implementation = IngestionJobResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or beyond the parser's limits (nothing kept); or an invalid Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the upload limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json or text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request; or the first rows were all rejected (upload-rows-rejected: stopped, nothing kept)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assessments(InputStream body, @HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Length") Long contentLength,
                                @Parameter(description = "Makes retries safe: the first answer is replayed for 24 h")
                                @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri,
                                  @Context RoutingContext http) {
        return upload(IngestionKind.ASSESSMENTS, body, contentType, contentLength, idempotencyKey, uri, http);
    }

    @POST
    @Path("/attendance")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Upload student attendance",
            description = "Rows: schoolId (or districtCode), schoolYear, studentId, gradeLevel, daysEnrolled, daysAbsent (half days allowed). "
                    + "Upsert on school + year + student.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AttendanceRow.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "Header row with the field names, then one row per student"))})
    @APIResponse(responseCode = "201", description = "Processed; Location names the job. Good rows are kept, bad rows listed in errors",
            content = @Content(schema = @Schema(implementation = IngestionJobResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed body, or beyond the parser's limits (nothing kept); or an invalid Idempotency-Key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the upload limit", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json or text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused for a different request; or the first rows were all rejected (upload-rows-rejected: stopped, nothing kept)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response attendance(InputStream body, @HeaderParam("Content-Type") String contentType,
                               @HeaderParam("Content-Length") Long contentLength,
                               @Parameter(description = "Makes retries safe: the first answer is replayed for 24 h")
                               @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri,
                                  @Context RoutingContext http) {
        return upload(IngestionKind.ATTENDANCE, body, contentType, contentLength, idempotencyKey, uri, http);
    }

    private Response upload(IngestionKind kind, InputStream body, String contentType, Long contentLength,
                            String idempotencyKey, UriInfo uri, RoutingContext http) {
        UploadFormat format = contentType != null && contentType.toLowerCase().startsWith(CSV) ? UploadFormat.CSV
                : UploadFormat.JSON;
        Set<UUID> schools = new LinkedHashSet<>();
        for (String s : caller.schools()) {
            try {
                schools.add(UUID.fromString(s));
            } catch (IllegalArgumentException ignored) {
                // a malformed scope entry grants nothing
            }
        }
        IngestionService.Uploader who = new IngestionService.Uploader(caller.id(), caller.hasRole(Roles.DISTRICT_ADMIN),
                schools);
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

    @Schema(description = "One school-level value")
    public record SchoolMetricRow(UUID schoolId, @Schema(description = "Instead of schoolId") String districtCode,
                                  @Schema(examples = "2026-27") String schoolYear,
                                  @Schema(examples = "TEACHER_VACANCIES") String metricCode,
                                  @Schema(examples = "3") java.math.BigDecimal value,
                                  @Schema(description = "Students (or cases) behind the value, when it has any") Integer n) {
    }

    @Schema(description = "One student's result on one test")
    public record AssessmentRow(UUID schoolId, String districtCode, @Schema(examples = "2026-27") String schoolYear,
                                @Schema(description = "The SIS student id (stays in this service)") String studentId,
                                @Schema(examples = "ELA") String subject, @Schema(examples = "STATE_SUMMATIVE") String testCode,
                                @Schema(examples = "7") String gradeLevel, @Schema(examples = "3") Integer performanceLevel,
                                Integer scaleScore, @Schema(examples = "55") Integer growthPercentile) {
    }

    @Schema(description = "One student's attendance for the year")
    public record AttendanceRow(UUID schoolId, String districtCode, @Schema(examples = "2026-27") String schoolYear,
                                String studentId, String gradeLevel, @Schema(examples = "170") java.math.BigDecimal daysEnrolled,
                                @Schema(examples = "12.5") java.math.BigDecimal daysAbsent) {
    }
}
