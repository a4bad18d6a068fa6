package org.portfolio.gateway.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.service.ClientRegistryService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.UUID;

@Path("/api/admin/clients")
@Tag(name = "API clients", description = "Register the systems and people that call the API, rotate their secrets, disable them")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DISTRICT_ADMIN)
public class ClientResource {

    /**
     * A client id: not starting with a dot, so that "." and ".." (path segments a client or proxy removes, turning
     * PUT /api/admin/clients/. into an undeclared 405 on /api/admin/clients/) are not ids the document admits (OpenAPI
     * fuzzer, seed 23, 2026-12-06).
     */
    private static final String CLIENT_ID = "[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}";

    /** A school's SIS, acting for the schools it posts data for. */
    private static final String SCHOOL_SIS_EXAMPLE = """
            {"name": "Eastside SIS nightly sync", "roles": ["SIS"],
             "schools": ["3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "8d2e4b17-5a3c-4f9e-b1d6-2c7a9e4f6b30"]}""";

    /** An authorizer's OVERSIGHT client: the schools its oversight body oversees, now and later. */
    private static final String AUTHORIZER_EXAMPLE = """
            {"name": "Riverton Public Charter School Commission", "roles": ["OVERSIGHT"],
             "oversightBodies": ["5b9e2c41-8f3a-4d7e-a6c2-1e4f7b3d9a58"]}""";

    /** The same SIS, now acting for every school of the NORTH zone instead of a list of schools. */
    private static final String ZONE_SIS_EXAMPLE = """
            {"name": "North zone SIS nightly sync", "roles": ["SIS"], "zones": ["NORTH"]}""";

    @Inject
    ClientRegistryService registry;

    @Inject
    Caller caller;

    @POST
    @Operation(operationId = "registerClient", summary = "Register an API client",
            description = "The answer holds the client secret; it is never shown again")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "school SIS", value = SCHOOL_SIS_EXAMPLE),
            @ExampleObject(name = "authorizer", value = AUTHORIZER_EXAMPLE)}))
    @APIResponse(responseCode = "201", description = "Registered", headers = {
            @Header(name = "Location", description = "URL of the new client", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            @Header(name = "ETag", description = "Version of the client", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))},
            content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    @APIResponse(responseCode = "422", description = "A SCHOOL_LEADER or SIS client without a school scope, or a school "
            + "scope that resolves to more schools than one event can carry (scope-too-large: name fewer, or use allSchools)")
    public Response register(@Valid @NotNull ClientRequest r, @Context UriInfo uri) {
        ApiClient.Registration reg = registry.register(r.name(), r.roleSet(), r.scope(), r.enabled(), caller.id());
        return noStore(Response.created(uri.getAbsolutePathBuilder().path(reg.client().clientId).build())
                .tag(EntityTags.of(reg.client().version))
                .entity(ClientResponse.of(reg.client(), reg.secret()))).build();
    }

    @GET
    @Operation(operationId = "listClients", summary = "List API clients", description = "By name, one page at a time; secrets are never listed")
    @APIResponse(responseCode = "200", description = "One page of clients")
    public Page<ClientResponse> list(
            @Parameter(description = "Only enabled (true) or disabled (false) clients") @QueryParam("enabled") Boolean enabled,
            @Parameter(description = "Only clients with this role") @QueryParam("role")
            @Pattern(regexp = "DISTRICT_ADMIN|OVERSIGHT|SCHOOL_LEADER|SIS|ENROLLMENT_OFFICER",
                    message = "must be one of DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER") String role,
            @Parameter(description = "Only clients acting for this school") @QueryParam("school") UUID school,
            @Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @Parameter(description = "Page size") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return registry.list(enabled, role, school == null ? null : school.toString(), page, size)
                .map(c -> ClientResponse.of(c, null));
    }

    @GET
    @Path("/{clientId}")
    @Operation(operationId = "getClient", summary = "Get an API client", description = "Never its secret; the ETag is its version, for If-Match on a change")
    @APIResponse(responseCode = "200", description = "The client (ETag: its version)", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    public Response get(@Parameter(description = "Client id") @PathParam("clientId") @Pattern(regexp = CLIENT_ID) String clientId) {
        return withTag(registry.get(clientId), null);
    }

    @PUT
    @Path("/{clientId}")
    @Operation(operationId = "updateClient", summary = "Change an API client's name, roles or schools",
            description = "A change of roles revokes the tokens the client holds; it asks for new ones. A change of its school "
                    + "scope (schools, oversightBodies, zones, allSchools) applies to the tokens it holds within seconds. "
                    + "enabled false disables the client as POST …/disable does (its tokens refused everywhere at once), "
                    + "true enables it; absent, it stays as it is. Send If-Match with the ETag you read.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "zone SIS", value = ZONE_SIS_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    @APIResponse(responseCode = "409", description = "Changed concurrently, the change would leave no enabled DISTRICT_ADMIN client "
            + "(last-administrator), "
            + "or enabled true for a disabled client without If-Match")
    @APIResponse(responseCode = "422", description = "A SCHOOL_LEADER or SIS client without a school scope, or a school "
            + "scope that resolves to more schools than one event can carry (scope-too-large: name fewer, or use allSchools)")
    public Response update(@Parameter(description = "Client id") @PathParam("clientId") @Pattern(regexp = CLIENT_ID) String clientId,
                           @Parameter(description = "ETag from a previous read") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ClientRequest r) {
        return withTag(registry.update(clientId, ifMatch, r.name(), r.roleSet(), r.scope(), r.enabled(), caller.id()), null);
    }

    @POST
    @Path("/{clientId}/secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "rotateClientSecret", summary = "Rotate an API client's secret",
            description = "Answers the new secret once. The old secret stops working at once, and so do the tokens obtained with it.")
    @APIResponse(responseCode = "200", description = "The client with its new secret", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    public Response rotateSecret(@Parameter(description = "Client id") @PathParam("clientId") @Pattern(regexp = CLIENT_ID) String clientId,
                                 @Parameter(description = "ETag from a previous read") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        ApiClient.Registration r = registry.rotateSecret(clientId, ifMatch, caller.id());
        return withTag(r.client(), r.secret());
    }

    @POST
    @Path("/{clientId}/disable")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "disableClient", summary = "Disable an API client", description = "It gets no more tokens and the tokens it holds are rejected at once. Idempotent.")
    @APIResponse(responseCode = "200", description = "Disabled", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    @APIResponse(responseCode = "409", description = "It is the last enabled DISTRICT_ADMIN client (last-administrator)")
    public Response disable(@Parameter(description = "Client id") @PathParam("clientId") @Pattern(regexp = CLIENT_ID) String clientId) {
        return withTag(registry.setEnabled(clientId, false, caller.id()), null);
    }

    @POST
    @Path("/{clientId}/enable")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "enableClient", summary = "Enable an API client again", description = "It may ask for tokens again; the tokens it held when disabled stay invalid. Idempotent.")
    @APIResponse(responseCode = "200", description = "Enabled", content = @Content(schema = @Schema(implementation = ClientResponse.class)))
    public Response enable(@Parameter(description = "Client id") @PathParam("clientId") @Pattern(regexp = CLIENT_ID) String clientId) {
        return withTag(registry.setEnabled(clientId, true, caller.id()), null);
    }

    private static Response withTag(ApiClient c, String secret) {
        Response.ResponseBuilder b = Response.ok(ClientResponse.of(c, secret)).tag(EntityTags.of(c.version));
        return (secret != null ? noStore(b) : b).build();
    }

    /** An answer that holds a secret is kept by no cache (as the token endpoint's; review of 2026-12-05, L2). */
    private static Response.ResponseBuilder noStore(Response.ResponseBuilder b) {
        jakarta.ws.rs.core.CacheControl cc = new jakarta.ws.rs.core.CacheControl();
        cc.setNoStore(true);
        cc.setNoTransform(false);
        return b.cacheControl(cc).header("Pragma", "no-cache");
    }
}
