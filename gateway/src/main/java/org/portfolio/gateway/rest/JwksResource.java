package org.portfolio.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.gateway.security.JwtKeys;

/** The public keys tokens are signed with (RFC 7517), for the services and for anyone verifying a token. */
@Path("/")
@Tag(name = "OAuth2", description = "Access tokens for registered API clients")
public class JwksResource {

    static final String JWK_SET = "application/jwk-set+json";

    @Inject
    JwtKeys keys;

    @GET
    @Path("oauth/jwks")
    @PermitAll
    @Produces({"application/json", JWK_SET})
    @Operation(operationId = "getJwks", summary = "The token signing keys (JWKS)",
            description = "RSA public keys with their kid (RFC 7638 thumbprint); keys rotated away stay listed while their tokens may live")
    @APIResponse(responseCode = "200", description = "The key set", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = JwkSet.class)),
            @Content(mediaType = JWK_SET, schema = @Schema(implementation = JwkSet.class))})
    public Response jwks() {
        CacheControl cc = new CacheControl();
        cc.setMaxAge(300);
        cc.setNoTransform(false);
        return Response.ok(keys.jwks()).cacheControl(cc).build();
    }

    @GET
    @Path(".well-known/jwks.json")
    @PermitAll
    @Produces({"application/json", JWK_SET})
    @Operation(operationId = "getWellKnownJwks", summary = "The token signing keys (JWKS), at the well-known address",
            description = "The same key set as /oauth/jwks, where libraries that discover keys look for it")
    @APIResponse(responseCode = "200", description = "The key set", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = JwkSet.class)),
            @Content(mediaType = JWK_SET, schema = @Schema(implementation = JwkSet.class))})
    public Response wellKnown() {
        return jwks();
    }

    @Schema(name = "JwkSet", description = "JSON Web Key Set (RFC 7517)", requiredProperties = "keys")
    public record JwkSet(@Schema(description = "RSA public keys: kty, kid, use, alg, n, e") java.util.List<java.util.Map<String, Object>> keys) {
    }
}
