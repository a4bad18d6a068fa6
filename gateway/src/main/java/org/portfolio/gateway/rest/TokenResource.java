package org.portfolio.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.gateway.domain.ApiClient;
import org.portfolio.gateway.domain.GrantedScope;
import org.portfolio.gateway.service.TokenService;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /oauth/token}: the OAuth2 client credentials grant (RFC 6749 §4.4) with HTTP Basic client
 * authentication (or client_id / client_secret in the form, §2.3.1). Errors follow §5.2 exactly — plain JSON
 * with {@code error} and {@code error_description} — which is the one exception to problem+json in the suite.
 * The form is parsed here rather than by JAX-RS so that every malformed request gets an RFC answer. Its client
 * authentication is declared in the document by {@link org.portfolio.gateway.openapi.GatewayOpenApiFilter}.
 */
@Path("/oauth/token")
@Tag(name = "OAuth2", description = "Access tokens for registered API clients")
public class TokenResource {

    /** Grant types of RFC 6749 and its extensions that this server knows but issues to no API client. */
    static final Set<String> KNOWN_GRANT_TYPES = Set.of("authorization_code", "password", "refresh_token", "implicit",
            "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange");
    private static final int MAX_FORM = 8192;
    /** The form fields' maxLength, as TokenRequestForm declares them (fourteenth pass). */
    static final Map<String, Integer> FIELD_BOUNDS = Map.of("client_id", 64, "client_secret", 4096, "scope", 4096);
    private static final CacheControl NO_STORE;

    static {
        NO_STORE = new CacheControl();
        NO_STORE.setNoStore(true);
        NO_STORE.setNoTransform(false);
    }

    @Inject
    TokenService tokens;

    @POST
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestToken", summary = "Get an access token (client credentials)",
            description = "Authenticate with HTTP Basic (client id and secret, each form-urlencoded, RFC 6749 §2.3.1) or with "
                    + "client_id and client_secret in the form, not both. The token is an RS256 JWT valid for 30 minutes, "
                    + "with the client's roles (groups) and school ids (schools); verify it with /oauth/jwks. Errors follow "
                    + "RFC 6749 §5.2: application/json {error, error_description}, not problem+json.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenRequestForm.class)))
    @APIResponse(responseCode = "200", description = "The token", headers = @Header(name = "Cache-Control",
            description = "no-store", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid_request (not a form, a parameter repeated or missing, two ways of client "
            + "authentication), unauthorized_client (a grant type API clients may not use), unsupported_grant_type or invalid_scope "
            + "(roles or schools beyond the client's registration)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown or disabled client, wrong secret, or no client authentication",
            headers = @Header(name = "WWW-Authenticate", description = "Basic realm=\"portfolio\"",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OAuthError.class)))
    @APIResponse(responseCode = "413", description = "The body exceeds the gateway's size limit (problem+json, from the gateway)")
    public Response token(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          String body) {
        if (contentType == null || !MediaType.APPLICATION_FORM_URLENCODED.equals(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT))) {
            return error(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        Map<String, String> form;
        try {
            form = parseForm(body == null ? "" : body);
        } catch (IllegalArgumentException e) {
            return error(400, "invalid_request", e.getMessage());
        }
        // each field within the maxLength the document declares (TokenRequestForm), as an OAuth error (§5.2)
        for (Map.Entry<String, Integer> bound : FIELD_BOUNDS.entrySet()) {
            String value = form.get(bound.getKey());
            // counted in characters, as the document's maxLength is (not UTF-16 units; nineteenth pass)
            if (value != null && value.codePointCount(0, value.length()) > bound.getValue()) {
                return error(400, "invalid_request", bound.getKey() + " is longer than " + bound.getValue() + " characters");
            }
        }
        // client authentication (§2.3.1): Basic, or the form, never both
        String clientId;
        String secret;
        boolean viaHeader = authorization != null;
        if (viaHeader) {
            if (form.containsKey("client_secret")) {
                return error(400, "invalid_request", "use one client authentication method: HTTP Basic or client_secret in the form, not both");
            }
            Optional<String[]> basic = basic(authorization);
            if (basic.isEmpty()) {
                return error(401, "invalid_client", "the Authorization header must be HTTP Basic with the client id and secret");
            }
            clientId = basic.get()[0];
            secret = basic.get()[1];
            if (form.containsKey("client_id") && !form.get("client_id").equals(clientId)) {
                return error(400, "invalid_request", "client_id in the form differs from the authenticated client");
            }
        } else {
            clientId = form.get("client_id");
            secret = form.get("client_secret");
            if (clientId == null || secret == null) {
                return error(401, "invalid_client", "client authentication is required (HTTP Basic with the client id and secret)");
            }
        }
        Optional<ApiClient> client = tokens.authenticate(clientId, secret);
        if (client.isEmpty()) {
            return error(401, "invalid_client", "unknown or disabled client, or wrong secret");
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return error(400, "invalid_request", "grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            return KNOWN_GRANT_TYPES.contains(grantType)
                    ? error(400, "unauthorized_client", "API clients may only use the client_credentials grant, not " + grantType)
                    : error(400, "unsupported_grant_type", "this server issues tokens for the client_credentials grant only");
        }
        try {
            TokenService.IssuedToken t = tokens.issue(client.get(), form.get("scope"));
            return Response.ok(new TokenResponse(t.accessToken(), "Bearer", t.expiresIn(), t.scope()), MediaType.APPLICATION_JSON_TYPE)
                    .cacheControl(NO_STORE).header("Pragma", "no-cache").build();
        } catch (GrantedScope.InvalidScope e) {
            return error(400, "invalid_scope", e.getMessage());
        }
    }

    /** application/x-www-form-urlencoded; a parameter given twice is an error (RFC 6749 §3.2). */
    static Map<String, String> parseForm(String body) {
        if (body.length() > MAX_FORM) {
            throw new IllegalArgumentException("the form is too large");
        }
        Map<String, String> out = new HashMap<>();
        if (body.isBlank()) {
            return out;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.isEmpty()) {
                continue; // RFC 6749 §3.1: parameters sent without a value are treated as omitted
            }
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is repeated");
            }
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the form is not correctly url-encoded");
        }
    }

    /** {@code Basic base64(urlencode(id) ":" urlencode(secret))}. */
    static Optional<String[]> basic(String header) {
        String h = header.trim();
        if (h.length() < 6 || !h.substring(0, 6).equalsIgnoreCase("basic ")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new String[]{decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Response error(int status, String code, String description) {
        Response.ResponseBuilder rb = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(code, description)).cacheControl(NO_STORE).header("Pragma", "no-cache");
        if (status == 401) {
            rb.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"portfolio\", charset=\"UTF-8\"");
        }
        return rb.build();
    }
}
