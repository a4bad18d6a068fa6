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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.domain.SchoolRating;
import org.portfolio.performance.domain.SchoolType;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.service.PerformanceQueryService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.Arrays;
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

    /** District-wide roles see every school; a school leader and an authorizer's OVERSIGHT client their own. */
    private Set<UUID> scope() {
        return caller.visibleSchools();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Current ratings across the portfolio",
            description = "The current rating of every school the caller may see (a school leader: its own schools), "
                    + "newest school year first and best first within a year; filter by school year, tier, school type "
                    + "and whether the school could be rated.")
    @APIResponse(responseCode = "200", description = "One page of current ratings")
    public Page<RatingSummaryResponse> list(@Parameter(description = "e.g. 2026-27", schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear,
                                            @Parameter(description = "Only ratings with this tier") @QueryParam("tier") RatingTier tier,
                                            @Parameter(description = "Only schools of this type", schema = @Schema(implementation = SchoolType.class))
                                            @QueryParam("type") String type,
                                            @Parameter(description = "Only schools that could (true) or could not (false) be rated") @QueryParam("rated") Boolean rated,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (schoolYear != null && !SchoolYear.isValid(schoolYear)) {
            throw ProblemException.invalid("schoolYear", SchoolYear.problem(schoolYear));
        }
        if (type != null && SchoolType.of(type) == null) {
            throw ProblemException.invalid("type", "must be one of " + Arrays.toString(SchoolType.values()));
        }
        return queries.ratings(schoolYear, tier, type, rated, scope(), page, size).map(RatingSummaryResponse::of);
    }

    @GET
    @Path("/{ratingId}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One rating in full",
            description = "One computed rating version: points per metric and category, total, share of available points, "
                    + "tier (or why the school could not be rated), and which framework metrics were suppressed or "
                    + "missing. A school leader sees only its own schools' ratings.")
    @APIResponse(responseCode = "200", description = "The rating", content = @Content(schema = @Schema(implementation = RatingResponse.class)))
    public RatingResponse get(@PathParam("ratingId") UUID ratingId) {
        SchoolRating r = queries.rating(ratingId);
        caller.requireSchool(r.schoolId);
        return RatingResponse.of(r);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "CSV export of a school year",
            description = "A CSV file with a header row and one row per school the caller may see (a school leader: its "
                    + "own): the rating, and per metric its value, n, whether it is suppressed and the points it earned. "
                    + "Unsuppressed: values below the minimum n are shown. Cells that would start a spreadsheet formula "
                    + "are neutralised.")
    @APIResponse(responseCode = "200", description = "The CSV file (Content-Disposition: attachment)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response export(@Parameter(required = true, description = StudentRecordResource.YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear) throws SQLException {
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
