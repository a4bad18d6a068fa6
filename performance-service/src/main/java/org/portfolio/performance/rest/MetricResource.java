package org.portfolio.performance.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.service.MetricCatalogService;
import org.portfolio.platform.web.security.Roles;

import java.util.List;

@Path("/api/performance/metrics")
@Tag(name = "Metrics", description = "What the performance framework can measure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource {

    /** A metric code, as {@code MetricRequest} takes it. */
    static final String CODE = "^[A-Z][A-Z0-9_]{1,59}$";

    /** A school-level value the SIS posts every year (the default computation). */
    private static final String SCHOOL_LEVEL_EXAMPLE = """
            {"code": "SUSPENSION_RATE", "name": "Out-of-school suspension rate", "category": "ORGANIZATIONAL",
             "direction": "LOWER_IS_BETTER", "unit": "PERCENT",
             "description": "Share of enrolled students with at least one out-of-school suspension during the school year",
             "computation": "SCHOOL_LEVEL"}""";

    /** A metric computed from the student assessment records of the subjects it names. */
    private static final String COMPUTED_EXAMPLE = """
            {"code": "ELA_MEDIAN_GROWTH", "name": "ELA median growth percentile", "category": "ACADEMIC",
             "direction": "HIGHER_IS_BETTER", "unit": "PERCENTILE",
             "description": "Median student growth percentile on the state ELA assessment",
             "computation": "MEDIAN_GROWTH_PERCENTILE", "subjects": ["ELA"]}""";


    @Inject
    MetricCatalogService catalog;

    @GET
    @PermitAll
    @Operation(summary = "List metric definitions",
            description = "Public: no token needed. Every metric a framework can weigh, by category: its direction (higher "
                    + "or lower is better), unit, and how its value comes about (posted by an SIS, computed from student "
                    + "records, or from the enrollment match).")
    @APIResponse(responseCode = "200", description = "Every metric definition, by category")
    public List<MetricResponse> list() {
        return catalog.list().stream().map(MetricResponse::of).toList();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "Get a metric definition",
            description = "Public: no token needed. One metric by its code (e.g. ELA_PROFICIENCY): category, direction, "
                    + "unit, computation and the assessment subjects a student-level computation reads.")
    @APIResponse(responseCode = "200", description = "The metric definition",
            content = @Content(schema = @Schema(implementation = MetricResponse.class)))
    public MetricResponse get(@Parameter(description = "The metric's code, e.g. ELA_PROFICIENCY", schema = @Schema(type = SchemaType.STRING, pattern = CODE)) @PathParam("code") String code) {
        return MetricResponse.of(catalog.get(code));
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Define a metric",
            description = "Adds a metric that frameworks can then weigh. SCHOOL_LEVEL metrics (the default) are posted by "
                    + "the SIS through /ingest/school-metrics; ASSESSMENT_PROFICIENCY and MEDIAN_GROWTH_PERCENTILE name the "
                    + "assessment subjects they are computed from. A definition is never changed or deleted.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "school-level metric", value = SCHOOL_LEVEL_EXAMPLE),
            @ExampleObject(name = "computed from assessments", value = COMPUTED_EXAMPLE)}))
    @APIResponse(responseCode = "201", description = "The new metric; Location names it",
            content = @Content(schema = @Schema(implementation = MetricResponse.class)))
    @APIResponse(responseCode = "409", description = "A metric with this code exists already (duplicate-metric)")
    @APIResponse(responseCode = "422", description = "The subjects, the unit or the direction do not fit the computation "
            + "(ASSESSMENT_PROFICIENCY and MEDIAN_GROWTH_PERCENTILE need subjects, the others take none; computed metrics "
            + "have their computation's unit and direction: CHRONIC_ABSENTEEISM LOWER_IS_BETTER, the others HIGHER_IS_BETTER)")
    public Response define(@Valid @NotNull MetricRequest r, @Context UriInfo uri) {
        MetricDefinition m = catalog.define(r.code(), r.name(), r.category(), r.direction(), r.unit(), r.description(),
                r.computation(), r.subjects());
        return Response.created(uri.getAbsolutePathBuilder().path(m.code).build()).entity(MetricResponse.of(m)).build();
    }
}
