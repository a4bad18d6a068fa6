package org.portfolio.contracts.rest;

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
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.service.SchoolRegistryService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

import java.util.UUID;

@Path("/api/schools")
@Tag(name = "School registry", description = "Every public school of the district and the decisions on it")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    SchoolRegistryService registry;

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Register a school", description = "A new school is PROPOSED; publishes SchoolRegistered")
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "District code or NCES id already registered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The oversight body does not exist", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull SchoolRequest r, @Context UriInfo uri) {
        School s = registry.register(r.districtCode(), r.ncesId(), r.name(), r.type(), r.grades(), r.address(), r.zone(),
                r.oversightBodyId());
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .tag(EntityTags.of(s.version)).entity(SchoolResponse.of(s)).build();
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a school", description = "Public: the school directory is open data")
    @APIResponse(responseCode = "200", description = "The school; ETag is its version",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        School s = registry.get(id);
        return Response.ok(SchoolResponse.of(s)).tag(EntityTags.of(s.version)).build();
    }
}
