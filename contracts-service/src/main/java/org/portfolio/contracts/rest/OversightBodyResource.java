package org.portfolio.contracts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.contracts.domain.OversightBody;
import org.portfolio.contracts.service.OversightBodyService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/oversight-bodies")
@Tag(name = "Oversight bodies", description = "Authorizers that open, renew and close schools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OversightBodyResource {

    /** POST /api/oversight-bodies: the district office that oversees its innovation schools. */
    private static final String CREATE_EXAMPLE = """
            {"name": "Riverton Office of School Innovation", "kind": "DISTRICT_OFFICE",
             "contactEmail": "innovation@riverton.example"}""";

    /** PUT /api/oversight-bodies/{id}: the same office with a new contact address (every field is sent). */
    private static final String UPDATE_EXAMPLE = """
            {"name": "Riverton Office of School Innovation", "kind": "DISTRICT_OFFICE",
             "contactEmail": "school.innovation@riverton.example"}""";

    @Inject
    OversightBodyService service;

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Create an oversight body", description = "Adds an authorizer (school board, district "
            + "office, charter authorizer, state agency or nonprofit partner) that schools and contracts can name. No "
            + "event. Returns it with its Location and ETag.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "district office", value = CREATE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = OversightBodyResponse.class)))
    @APIResponse(responseCode = "409", description = "An oversight body with this name exists (duplicate-oversight-body)")
    public Response create(@Valid @NotNull OversightBodyRequest request, @jakarta.ws.rs.core.Context UriInfo uri) {
        OversightBody body = service.create(request.name(), request.kind(), request.contactEmail());
        return Response.created(uri.getAbsolutePathBuilder().path(body.id.toString()).build())
                .tag(EntityTags.of(body.version))
                .entity(OversightBodyResponse.of(body)).build();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "List oversight bodies", description = "Every oversight body with its kind and contact, "
            + "sorted by name (not paged: a district has a handful).")
    @APIResponse(responseCode = "200", description = "The oversight bodies")
    public List<OversightBodyResponse> list() {
        return service.list().stream().map(OversightBodyResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "Get an oversight body", description = "One oversight body with its kind and contact; the "
            + "ETag is its version: send it as If-Match with an update.")
    @APIResponse(responseCode = "200", description = "The oversight body; ETag is its version",
            content = @Content(schema = @Schema(implementation = OversightBodyResponse.class)))
    public Response get(@Parameter(description = "Oversight body id") @PathParam("id") UUID id) {
        OversightBody body = service.get(id);
        return Response.ok(OversightBodyResponse.of(body)).tag(EntityTags.of(body.version)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Update an oversight body", description = "Replaces its name, kind and contact e-mail. Send "
            + "If-Match with the ETag you read to avoid overwriting someone else's change. No event. Returns it.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "new contact e-mail", value = UPDATE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = OversightBodyResponse.class)))
    @APIResponse(responseCode = "409", description = "Another oversight body has this name (duplicate-oversight-body), or it changed concurrently (concurrent-modification)")
    public Response update(@PathParam("id") UUID id,
                           @Parameter(description = "ETag from a previous read") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull OversightBodyRequest request) {
        OversightBody body = service.update(id, ifMatch, request.name(), request.kind(), request.contactEmail());
        return Response.ok(OversightBodyResponse.of(body)).tag(EntityTags.of(body.version)).build();
    }
}
