package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.service.JobService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

@Path("/api/performance/ingest/jobs")
@Tag(name = "SIS ingestion")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    JobService jobs;

    @Inject
    Caller caller;

    /** A district admin sees every job; an SIS client only its own. */
    private String owner() {
        return caller.hasRole(Roles.DISTRICT_ADMIN) ? null : caller.id();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "List upload jobs",
            description = "Upload jobs, newest first, without their row errors: a district admin sees every job, an SIS "
                    + "client only its own. Follow a running upload with status=RUNNING, or find the job of a request by "
                    + "the Idempotency-Key it was sent with.")
    @APIResponse(responseCode = "200", description = "One page of jobs (their errors lists are empty: read them per job)")
    public Page<IngestionJobResponse> list(@Parameter(description = "Only jobs in this status") @QueryParam("status") JobStatus status,
                                           @Parameter(description = "The Idempotency-Key the upload was sent with") @QueryParam("idempotencyKey") @Size(max = 200) String key,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                           @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return jobs.list(owner(), status, key, page, size).map(j -> IngestionJobResponse.of(j, List.of()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Get an upload job",
            description = "One upload job: its progress while it runs (rows and bytes received so far, phase) and its "
                    + "outcome when done (rows kept, rejected, inserted, updated; metrics and ratings changed; why it "
                    + "failed), with its first row errors. An SIS client sees only its own jobs.")
    @APIResponse(responseCode = "200", description = "The job with its first 100 row errors",
            content = @Content(schema = @Schema(implementation = IngestionJobResponse.class)))
    @APIResponse(responseCode = "404", description = "No upload job with this id, or not one of the SIS client's own")
    public IngestionJobResponse get(@PathParam("id") UUID id) throws SQLException {
        String owner = owner();
        var job = jobs.get(id, owner);
        return IngestionJobResponse.of(job, jobs.errors(id, owner, 0, 100).items());
    }

    @GET
    @Path("/{id}/errors")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "The row errors of an upload job",
            description = "Every stored row error of a job, in row order: row number, field and message (which never "
                    + "repeats a student id). Only the first ones of an upload are stored (10,000 by default); the job's "
                    + "errorsTotal counts them all.")
    @APIResponse(responseCode = "200", description = "One page of row errors")
    @APIResponse(responseCode = "404", description = "No upload job with this id, or not one of the SIS client's own")
    public Page<RowErrorResponse> errors(@PathParam("id") UUID id, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                 @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) throws SQLException {
        return jobs.errors(id, owner(), page, size).map(RowErrorResponse::of);
    }
}
