package org.portfolio.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /edfi/oauth/token}: where Ed-Fi clients get their token (the {@code oauth} url of the Ed-Fi version document,
 * docs/edfi.md). The same endpoint as {@code /oauth/token}: the same API clients, secrets, roles and school scopes, the
 * same RFC 6749 answers; an SIS client's token carries its schools, which edfi-service and performance-service enforce.
 */
@Path("/edfi/oauth/token")
@Tag(name = "OAuth2", description = "Access tokens for registered API clients")
public class EdFiTokenResource {

    @Inject
    TokenResource tokens;

    @POST
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestEdFiToken", summary = "Get an access token for the Ed-Fi API (client credentials)",
            description = "The token endpoint Ed-Fi clients find in the Ed-Fi version document (GET /edfi/): exactly POST /oauth/token "
                    + "(HTTP Basic client authentication, or client_id and client_secret in the form; grant_type=client_credentials). "
                    + "Errors follow RFC 6749 §5.2: application/json {error, error_description}, not problem+json.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenRequestForm.class)))
    @APIResponse(responseCode = "200", description = "The token", headers = @Header(name = "Cache-Control",
            description = "no-store", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, unauthorized_client, unsupported_grant_type or invalid_scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown or disabled client, wrong secret, or no client authentication",
            headers = @Header(name = "WWW-Authenticate", description = "Basic realm=\"portfolio\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds the gateway's size limit (problem+json, from the gateway)")
    public Response token(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        return tokens.token(contentType, authorization, body);
    }
}
