package org.portfolio.autonomy.rest;

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
import org.portfolio.autonomy.domain.Decision;
import org.portfolio.autonomy.service.DecisionCatalogService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

import java.util.List;

@Path("/api/autonomy/decision-catalog/decisions")
@Tag(name = "Decision catalog", description = "Which decisions each autonomy domain covers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionCatalogResource {

    @Inject
    DecisionCatalogService catalog;

    @GET
    @PermitAll
    @Operation(summary = "List the decision catalog", description = "Public: who decides what is part of the deal")
    @APIResponse(responseCode = "200", description = "Every decision, by domain")
    public List<DecisionResponse> list() {
        return catalog.list().stream().map(DecisionResponse::of).toList();
    }

    @GET
    @Path("/{code}")
    @PermitAll
    @Operation(summary = "Get one decision")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "404", description = "No such decision", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DecisionResponse get(@PathParam("code") String code) {
        return DecisionResponse.of(catalog.get(code));
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Add a decision to the catalog")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The code is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response define(@Valid @NotNull DecisionRequest r, @Context UriInfo uri) {
        Decision d = catalog.define(r.code(), r.domain(), r.name(), r.description());
        return Response.created(uri.getAbsolutePathBuilder().path(d.code).build()).entity(DecisionResponse.of(d)).build();
    }
}
