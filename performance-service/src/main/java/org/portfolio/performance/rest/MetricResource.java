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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.service.MetricCatalogService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

import java.util.List;

@Path("/api/performance/metrics")
@Tag(name = "Metrics", description = "What the performance framework can measure")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MetricResource {

    @Inject
    MetricCatalogService catalog;

    @GET
    @PermitAll
    @Operation(summary = "List metric definitions", description = "Public")
    @APIResponse(responseCode = "200", description = "Every metric, by category")
    public List<MetricResponse> list() {
        return catalog.list().stream().map(MetricResponse::of).toList();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "Get a metric definition")
    @APIResponse(responseCode = "200", description = "The metric", content = @Content(schema = @Schema(implementation = MetricResponse.class)))
    @APIResponse(responseCode = "404", description = "No such metric", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MetricResponse get(@PathParam("code") String code) {
        return MetricResponse.of(catalog.get(code));
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Define a metric")
    @APIResponse(responseCode = "201", description = "Defined", content = @Content(schema = @Schema(implementation = MetricResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The code is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Subjects do not fit the computation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response define(@Valid @NotNull MetricRequest r, @Context UriInfo uri) {
        MetricDefinition m = catalog.define(r.code(), r.name(), r.category(), r.direction(), r.unit(), r.description(),
                r.computation(), r.subjects());
        return Response.created(uri.getAbsolutePathBuilder().path(m.code).build()).entity(MetricResponse.of(m)).build();
    }
}
