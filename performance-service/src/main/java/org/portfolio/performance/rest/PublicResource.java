package org.portfolio.performance.rest;

import jakarta.annotation.security.PermitAll;
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
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.service.PerformanceQueryService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/performance/public")
@Tag(name = "Public performance", description = "What anyone may see: tiers and metric values, with values below the minimum n withheld")
@Produces(MediaType.APPLICATION_JSON)
public class PublicResource {

    @Inject
    PerformanceQueryService queries;

    private static void checkYear(String schoolYear) {
        String p = SchoolYear.problem(schoolYear);
        if (p != null) {
            throw ProblemException.invalid("schoolYear", p);
        }
    }

    @GET
    @Path("/schools")
    @PermitAll
    @Operation(summary = "Every school's performance in a school year",
            description = "Public: no token needed. Each school's tier and metric values for the school year, by school "
                    + "name. A value resting on fewer students than the minimum n is withheld with its n (suppressed: "
                    + "true); a school that could not be rated has no tier.")
    @APIResponse(responseCode = "200", description = "One page of schools")
    public Page<PublicSchoolResponse> schools(@Parameter(required = true, description = StudentRecordResource.YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                              @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size)
            throws SQLException {
        checkYear(schoolYear);
        var catalog = queries.catalog();
        return queries.year(schoolYear, null, page, size).map(p -> PublicSchoolResponse.of(p, catalog));
    }

    @GET
    @Path("/schools/{id}")
    @PermitAll
    @Operation(summary = "One school's performance in a school year",
            description = "Public: no token needed. The school's tier and metric values for the school year; suppressed "
                    + "values are withheld with their n.")
    @APIResponse(responseCode = "200", description = "The school's year", content = @Content(schema = @Schema(implementation = PublicSchoolResponse.class)))
    @APIResponse(responseCode = "404", description = "Nothing is known of this school: it is not registered and has no value or rating in this school year")
    public PublicSchoolResponse school(@PathParam("id") UUID id, @Parameter(required = true, description = StudentRecordResource.YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear) throws SQLException {
        checkYear(schoolYear);
        return queries.publicSchool(id, schoolYear).map(p -> PublicSchoolResponse.of(p, queries.catalog()))
                .orElseThrow(() -> ProblemException.notFound("School", id));
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @PermitAll
    @Operation(summary = "Public CSV export of a school year",
            description = "Public: no token needed. A CSV file with a header row and one row per school: the rating, and "
                    + "per metric its value, n and whether it is suppressed. Suppressed values and their n are left empty; "
                    + "points are not included. Cells that would start a spreadsheet formula are neutralised.")
    @APIResponse(responseCode = "200", description = "The CSV file (Content-Disposition: attachment)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Response export(@Parameter(required = true, description = StudentRecordResource.YEAR, schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear) throws SQLException {
        checkYear(schoolYear);
        var rows = queries.year(schoolYear, null, 0, Integer.MAX_VALUE).items();
        return Response.ok(PerformanceExports.csv(rows, queries.publishedFramework(schoolYear).orElse(null), true))
                .type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"school-performance-public-" + schoolYear + ".csv\"")
                .build();
    }
}
