package org.portfolio.gateway.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.portfolio.platform.web.vocabulary.Role;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.portfolio.platform.web.openapi.ProblemResponses;

import java.util.List;
import java.util.Map;

/**
 * The gateway's own OpenAPI document: the token endpoint's client authentication, HTTP Basic (RFC 6749 §2.3.1), as
 * the {@code clientBasic} security scheme, so that a generated client can call {@code POST /oauth/token}; then the
 * problem+json answers of every operation ({@link ProblemResponses}). Declared here, not with {@code @SecurityScheme}:
 * Quarkus would then require that scheme, instead of the bearer token, of every {@code @RolesAllowed} operation.
 */
public class GatewayOpenApiFilter extends ProblemResponses {

    static final String TOKEN_ENDPOINT = "/oauth/token";
    static final String EDFI_TOKEN_ENDPOINT = "/edfi/oauth/token";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        api.getComponents().addSecurityScheme(OpenApiMerger.CLIENT_BASIC, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("Client authentication at the token endpoint (RFC 6749 §2.3.1): HTTP Basic with the client id "
                        + "and secret, each form-urlencoded first"));
        for (String endpoint : List.of(TOKEN_ENDPOINT, EDFI_TOKEN_ENDPOINT)) {
            PathItem token = api.getPaths() == null ? null : api.getPaths().getPathItem(endpoint);
            Operation post = token == null ? null : token.getPOST();
            if (post != null) {
                post.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OpenApiMerger.CLIENT_BASIC)));
            }
        }
        referToTheRoleSchema(api);
        super.filterOpenAPI(api);
    }

    /**
     * A client's roles and the clients list's {@code role} filter name the shared {@code Role} schema (platform-web's
     * vocabulary, defined by the filter below), instead of a string with the roles' pattern: a generated client then
     * has an enum, and a typo does not compile (twelfth pass). The service checks the same names.
     */
    static void referToTheRoleSchema(OpenAPI api) {
        String ref = "#/components/schemas/" + Role.SCHEMA;
        Map<String, Schema> schemas = api.getComponents().getSchemas() == null ? Map.of() : api.getComponents().getSchemas();
        for (String name : List.of("ClientRequest", "ClientResponse")) {
            Schema client = schemas.get(name);
            Schema roles = client == null || client.getProperties() == null ? null : client.getProperties().get("roles");
            if (roles != null) {
                roles.setItems(OASFactory.createSchema().ref(ref));
            }
        }
        PathItem clients = api.getPaths() == null ? null : api.getPaths().getPathItem("/api/admin/clients");
        if (clients != null && clients.getGET() != null && clients.getGET().getParameters() != null) {
            clients.getGET().getParameters().stream().filter(p -> "role".equals(p.getName()))
                    .forEach(p -> p.setSchema(OASFactory.createSchema().ref(ref)));
        }
    }
}
