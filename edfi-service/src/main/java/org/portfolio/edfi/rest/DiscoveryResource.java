package org.portfolio.edfi.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.edfi.domain.ResourceType;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an Ed-Fi client reads first: the version document at {@code /edfi/} (ODS/API 7 shape: version, data models and
 * the {@code urls} of the token endpoint, the data management API, the dependency order and the OpenAPI metadata), and the
 * dependency order of the resources it may load.
 */
@Path("/edfi")
@Tag(name = "Ed-Fi discovery", description = "The Ed-Fi API's version document and resource dependencies")
@PermitAll
public class DiscoveryResource {

    static final String API_VERSION = "7.3";
    static final String DATA_STANDARD = "5.2.0";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");

    @Schema(name = "EdFiDataModel")
    public record DataModel(@Schema(required = true) String name, @Schema(required = true) String version,
                            @Schema(required = true) String informationalVersion) {
    }

    @Schema(name = "EdFiVersionUrls")
    public record Urls(@Schema(required = true) String dependencies, @Schema(required = true) String openApiMetadata,
                       @Schema(required = true) String oauth, @Schema(required = true) String dataManagementApi) {
    }

    @Schema(name = "EdFiVersion", description = "The Ed-Fi API's version document")
    public record Version(@Schema(required = true) String version, @Schema(required = true) String applicationName,
                          @Schema(required = true) String informationalVersion, @Schema(required = true) List<DataModel> dataModels,
                          @Schema(required = true) Urls urls) {
    }

    @Schema(name = "EdFiDependency", description = "A resource in Ed-Fi's load order")
    public record Dependency(@Schema(required = true, examples = "/ed-fi/schools") String resource, @Schema(required = true) int order,
                             @Schema(required = true) List<String> operations) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiVersion", summary = "Ed-Fi version document",
            description = "The Ed-Fi API's discovery document: its version, the data model (Ed-Fi Data Standard 5.2) and the "
                    + "urls an Ed-Fi client uses: oauth (the gateway's client-credentials token endpoint, /edfi/oauth/token), "
                    + "dataManagementApi (/edfi/data/v3/), dependencies and openApiMetadata. Anyone may read it.")
    @APIResponse(responseCode = "200", description = "The version document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Version.class)))
    public Version version(@Context UriInfo uri, @Context HttpHeaders headers) {
        String root = root(uri, headers) + "/edfi";
        return new Version(API_VERSION, "Portfolio suite Ed-Fi API", API_VERSION + " (resources: " + String.join(", ",
                Arrays.stream(ResourceType.values()).map(ResourceType::path).toList()) + ")",
                List.of(new DataModel("Ed-Fi", DATA_STANDARD, DATA_STANDARD)),
                new Urls(root + "/metadata/data/v3/dependencies", root(uri, headers) + "/openapi", root + "/oauth/token",
                        root + "/data/v3/"));
    }

    @GET
    @Path("/metadata/data/v3/dependencies")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiDependencies", summary = "Ed-Fi resource dependencies",
            description = "The order in which a client loads the supported resources (a resource after those it references), as "
                    + "Ed-Fi's API Publisher reads it. Anyone may read it.")
    @APIResponse(responseCode = "200", description = "The resources in load order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                    implementation = Dependency.class)))
    public List<Dependency> dependencies() {
        return Arrays.stream(ResourceType.values()).sorted(Comparator.comparingInt(ResourceType::order))
                .map(t -> new Dependency("/ed-fi/" + t.path(), t.order(), List.of("Create", "Update"))).toList();
    }

    /**
     * The public root the caller used: the gateway sets X-Forwarded-Proto and X-Forwarded-Host (docs/gateway.md); called
     * directly, the service's own address. A malformed forwarded host is ignored.
     */
    static String root(UriInfo uri, HttpHeaders headers) {
        String proto = first(headers.getHeaderString("X-Forwarded-Proto"));
        String host = first(headers.getHeaderString("X-Forwarded-Host"));
        if (host != null && HOST.matcher(host).matches()) {
            return (("https".equalsIgnoreCase(proto)) ? "https" : "http") + "://" + host;
        }
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String first(String v) {
        if (v == null) {
            return null;
        }
        int comma = v.indexOf(',');
        return (comma < 0 ? v : v.substring(0, comma)).trim();
    }
}
