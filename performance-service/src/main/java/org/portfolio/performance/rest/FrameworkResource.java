package org.portfolio.performance.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkStatus;
import org.portfolio.performance.service.FrameworkService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/performance/frameworks")
@Tag(name = "Frameworks", description = "The one performance framework, versioned per school year: weights, cut points, tiers, minimum n")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FrameworkResource {

    @Inject
    FrameworkService service;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    @Operation(summary = "List framework versions", description = "Public. Newest school year and version first")
    @APIResponse(responseCode = "200", description = "One page of frameworks")
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FrameworkResponse> list(@Parameter(description = "School year, e.g. 2026-27") @QueryParam("schoolYear") String schoolYear,
                                        @QueryParam("status") FrameworkStatus status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                        @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return service.list(schoolYear, status, page, size).map(FrameworkResponse::of);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a framework version", description = "Public. ETag is its version for If-Match")
    @APIResponse(responseCode = "200", description = "The framework", content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "404", description = "No such framework", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Framework f = service.get(id);
        return Response.ok(FrameworkResponse.of(f)).tag(EntityTags.of(f.rowVersion)).build();
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Create a draft framework", description = "Validated in full; versions are numbered per school year")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A framework rule is broken (weights, cut points, tiers, unknown metric); errors[] names each field", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull FrameworkRequest r, @Context UriInfo uri) {
        Framework f = service.create(r.toContent(), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(f.id.toString()).build())
                .tag(EntityTags.of(f.rowVersion)).entity(FrameworkResponse.of(f)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Replace a draft framework", description = "Only drafts change; send If-Match with the ETag you read")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such framework", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The framework is published (immutable) or was changed concurrently", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A framework rule is broken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull FrameworkRequest r) {
        Framework f = service.update(id, ifMatch, r.toContent());
        return Response.ok(FrameworkResponse.of(f)).tag(EntityTags.of(f.rowVersion)).build();
    }

    @POST
    @Path("/{id}/new-version")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Start a new version", description = "A draft copy of this framework, for its school year (next version) or another; change = new version")
    @APIResponse(responseCode = "201", description = "The new draft; Location names it", content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid school year", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such framework", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response newVersion(@PathParam("id") UUID id, NewVersionRequest r, @Context UriInfo uri) {
        Framework f = service.newVersion(id, r == null ? null : r.schoolYear(), caller.id());
        return Response.created(uri.getBaseUriBuilder().path("/api/performance/frameworks").path(f.id.toString()).build())
                .tag(EntityTags.of(f.rowVersion)).entity(FrameworkResponse.of(f)).build();
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Publish a draft", description = "It rates its school year from now on (the previous version is SUPERSEDED) and can no longer change; "
            + "the year's suppression, aggregates and ratings are recomputed and every real change is published")
    @APIResponse(responseCode = "200", description = "Published", content = @Content(schema = @Schema(implementation = PublishResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such framework", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a draft", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A framework rule is broken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) throws SQLException {
        FrameworkService.Published p = service.publish(id, ifMatch, caller.id());
        return Response.ok(PublishResponse.of(p)).tag(EntityTags.of(p.framework().rowVersion)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Delete a draft")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such framework", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not a draft", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
