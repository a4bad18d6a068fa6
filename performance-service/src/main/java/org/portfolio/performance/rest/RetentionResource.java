package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.service.RetentionService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.List;

/** The retention policy of student records and the audit of every purge and erasure: the district admin only. */
@Path("/api/performance/retention")
@Tag(name = "Retention", description = "How long student records are kept, and the audit of the purges and erasures")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @Inject
    RetentionService retention;

    @GET
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "The retention policy",
            description = "Per kind of student record, how many years after the end of its school year (30 June) it is "
                    + "kept (configuration: portfolio.performance.retention.*), and the last school year the purge job "
                    + "deletes today. The purge deletes student records only: school metric values and ratings are "
                    + "aggregates and stay as published.")
    @APIResponse(responseCode = "200", description = "The policy per record kind")
    public List<RetentionPolicyResponse> policy() {
        return retention.policy().stream().map(p -> new RetentionPolicyResponse(p.kind(), p.years(), p.purgesThrough()))
                .toList();
    }

    @GET
    @Path("/purges")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "The purge audit",
            description = "Every retention purge and every erasure on request, newest first: when, by whom, what (counts; an "
                    + "erasure names the student only by a keyed hash).")
    @APIResponse(responseCode = "200", description = "One page of purges")
    public Page<PurgeResponse> purges(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size)
            throws SQLException {
        return retention.purges(page, size).map(PurgeResponse::of);
    }
}
