package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.portfolio.performance.domain.SchoolYear;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.service.PerformanceQueryService;
import org.portfolio.performance.service.SchoolRegistryService;
import org.portfolio.platform.web.problem.ProblemException;
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
    @Operation(summary = "The schools performance-service knows",
            description = "Public: no token needed. The school directory as this service keeps it from the registry's "
                    + "events (contracts-service), by name: the ids and district codes SIS rows may name.")
    @APIResponse(responseCode = "200", description = "Every school, by name")
    public List<SchoolResponse> list() {
        return registry.list().stream().map(SchoolResponse::of).toList();
    }

    @GET
    @Path("/{id}/profile")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's performance profile",
            description = "Every school year of the school: each metric's value with its n, source and trend since the "
                    + "previous year, the year's current rating, and the rating history. Unsuppressed: values below the "
                    + "minimum n are shown with suppressed: true. A school leader sees only its own schools.")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(schema = @Schema(implementation = ProfileResponse.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this school (no registry entry, value or rating)")
    public ProfileResponse profile(@PathParam("id") UUID id) throws SQLException {
        caller.requireSchool(id);
        return ProfileResponse.of(queries.profile(id), caller.hasRole(Roles.DISTRICT_ADMIN) || caller.hasRole(Roles.OVERSIGHT));
    }

    @GET
    @Path("/{id}/ratings")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's rating history",
            description = "Every computed version of the school's ratings, newest first, optionally for one school year; "
                    + "current marks the version in force. A school leader sees only its own schools.")
    @APIResponse(responseCode = "200", description = "The rating versions, newest first (empty when none was computed)")
    public List<RatingResponse> ratings(@PathParam("id") UUID id,
                                        @Parameter(description = "Only this school year, e.g. 2026-27", schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear) {
        if (schoolYear != null && !SchoolYear.isValid(schoolYear)) {
            // the document declares the pattern: a value outside it is refused, not answered with an empty list
            throw ProblemException.invalid("schoolYear", SchoolYear.problem(schoolYear));
        }
        caller.requireSchool(id);
        return queries.ratingHistory(id, schoolYear).stream().map(RatingResponse::of).toList();
    }

    @GET
    @Path("/{id}/metrics/{code}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Every recorded change of one school metric",
            description = "The history of one metric of the school, oldest first: one entry per MetricResultRecorded event "
                    + "(a new value, or a change in value, n or suppression), with the previous value and where it came "
                    + "from. A school leader sees only its own schools.")
    @APIResponse(responseCode = "200", description = "The changes, oldest first (empty when none was recorded)")
    @APIResponse(responseCode = "404", description = "No metric with this code, or nothing is known of this school")
    public List<MetricChangeResponse> metricHistory(@PathParam("id") UUID id,
            @Parameter(description = "The metric's code", schema = @Schema(type = SchemaType.STRING, pattern = MetricResource.CODE)) @PathParam("code") String code)
            throws SQLException {
        caller.requireSchool(id);
        return queries.metricHistory(id, code).stream().map(MetricChangeResponse::of).toList();
    }
}
