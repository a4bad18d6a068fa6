package org.portfolio.performance.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.service.PerformanceQueryService;
import org.portfolio.performance.service.SchoolRegistryService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

@Path("/api/performance/schools")
@Tag(name = "School performance", description = "School profiles: metrics by year with n and trend, ratings and their history")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolPerformanceResource {

    @Inject
    PerformanceQueryService queries;

    @Inject
    SchoolRegistryService registry;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    @Operation(summary = "The schools performance-service knows", description = "Public: the school directory, from the registry's events")
    @APIResponse(responseCode = "200", description = "Every school, by name")
    public List<SchoolResponse> list() {
        return registry.list().stream().map(SchoolResponse::of).toList();
    }

    @GET
    @Path("/{id}/profile")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's performance profile", description = "Unsuppressed (with n); a school leader sees only its own schools")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or not your school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProfileResponse profile(@PathParam("id") UUID id) throws SQLException {
        caller.requireSchool(id);
        return ProfileResponse.of(queries.profile(id));
    }

    @GET
    @Path("/{id}/ratings")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's rating history", description = "Every computed version, newest first")
    @APIResponse(responseCode = "200", description = "The ratings")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or not your school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this school (or metric)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<RatingResponse> ratings(@PathParam("id") UUID id, @QueryParam("schoolYear") String schoolYear) {
        caller.requireSchool(id);
        return queries.ratingHistory(id, schoolYear).stream().map(RatingResponse::of).toList();
    }

    @GET
    @Path("/{id}/metrics/{code}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Every recorded change of one school metric", description = "One entry per MetricResultRecorded, oldest first")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or not your school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this school (or metric)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<MetricChangeResponse> metricHistory(@PathParam("id") UUID id, @PathParam("code") String code)
            throws SQLException {
        caller.requireSchool(id);
        return queries.metricHistory(id, code).stream().map(MetricChangeResponse::of).toList();
    }
}
