package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolRating;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.service.PerformanceQueryService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

@Path("/api/performance/ratings")
@Tag(name = "Ratings", description = "School ratings across the portfolio")
@Produces(MediaType.APPLICATION_JSON)
public class RatingResource {

    @Inject
    PerformanceQueryService queries;

    @Inject
    Caller caller;

    /** District-wide roles see every school; a school leader its own. */
    private Set<UUID> scope() {
        if (caller.hasRole(Roles.DISTRICT_ADMIN) || caller.hasRole(Roles.OVERSIGHT)) {
            return null;
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (String s : caller.schools()) {
            try {
                out.add(UUID.fromString(s));
            } catch (IllegalArgumentException ignored) {
                // grants nothing
            }
        }
        return out;
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Current ratings across the portfolio", description = "Filter by school year, tier, school type, rated; best first within a year")
    @APIResponse(responseCode = "200", description = "One page of ratings")
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RatingSummaryResponse> list(@Parameter(description = "e.g. 2026-27") @QueryParam("schoolYear") String schoolYear,
                                            @QueryParam("tier") RatingTier tier,
                                            @Parameter(description = "School type, e.g. CHARTER") @QueryParam("type") String type,
                                            @QueryParam("rated") Boolean rated,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (schoolYear != null && !SchoolYear.isValid(schoolYear)) {
            throw ProblemException.invalid("schoolYear", SchoolYear.problem(schoolYear));
        }
        return queries.ratings(schoolYear, tier, type, rated, scope(), page, size).map(RatingSummaryResponse::of);
    }

    @GET
    @Path("/{ratingId}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One rating in full", description = "Points per metric and category, what was suppressed or missing")
    @APIResponse(responseCode = "200", description = "The rating", content = @Content(schema = @Schema(implementation = RatingResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or not your school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such rating", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RatingResponse get(@PathParam("ratingId") UUID ratingId) {
        SchoolRating r = queries.rating(ratingId);
        caller.requireSchool(r.schoolId);
        return RatingResponse.of(r);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "CSV export of a school year", description = "One row per school: rating, and per metric value, n, suppressed and points (unsuppressed)")
    @APIResponse(responseCode = "200", description = "text/csv with a header row", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", description = "Missing or invalid schoolYear", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response export(@QueryParam("schoolYear") String schoolYear) throws SQLException {
        String p = SchoolYear.problem(schoolYear);
        if (p != null) {
            throw ProblemException.invalid("schoolYear", p);
        }
        var rows = queries.year(schoolYear, scope(), 0, Integer.MAX_VALUE).items();
        return Response.ok(PerformanceExports.csv(rows, queries.publishedFramework(schoolYear).orElse(null), false))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"school-performance-" + schoolYear + ".csv\"").build();
    }
}
