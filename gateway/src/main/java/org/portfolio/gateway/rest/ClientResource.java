package org.portfolio.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.service.ClientRegistryService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@Path("/api/admin/clients")
@Tag(name = "API clients", description = "Register the systems and people that call the API")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DISTRICT_ADMIN)
public class ClientResource {

    @Inject
    ClientRegistryService registry;

    @POST
    @Operation(summary = "Register an API client", description = "The answer holds the client secret; it is never shown again")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A school-scoped role without schools", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull ClientRequest r, @Context UriInfo uri) {
        Set<String> schools = r.schools() == null ? Set.of()
                : r.schools().stream().map(UUID::toString).collect(Collectors.toSet());
        ApiClient.Registration reg = registry.register(r.name(), r.roles(), schools);
        return Response.created(uri.getAbsolutePathBuilder().path(reg.client().clientId).build())
                .entity(ClientResponse.of(reg.client(), reg.secret())).build();
    }

    @GET
    @Operation(summary = "List API clients", description = "Secrets are never listed")
    @APIResponse(responseCode = "200", description = "The clients, by name")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ClientResponse> list() {
        return registry.list().stream().map(c -> ClientResponse.of(c, null)).toList();
    }
}
