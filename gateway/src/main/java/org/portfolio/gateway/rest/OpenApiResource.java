package org.portfolio.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.gateway.openapi.MergedOpenApi;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The merged OpenAPI document of the whole suite ({@code /openapi}, JSON; {@code /openapi.yaml} or
 * {@code ?format=yaml}, YAML). Swagger UI ({@code /q/swagger-ui}) shows it. With {@code ?strict=true} an incomplete
 * document (a service could not be read) is a 503 instead.
 */
@Path("/")
@jakarta.inject.Singleton
public class OpenApiResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @Inject
    MergedOpenApi merged;

    @Inject
    GatewayConfig config;

    /**
     * The last result rendered in each format, and its bytes (a result is handed out again while nothing changed):
     * rendered once, however many callers ask at the same time (each rendered its own megabyte before; outside check of
     * the twenty-second pass, H1).
     */
    private record Rendered(MergedOpenApi.Result result, byte[] bytes) {
    }

    private volatile Rendered lastJson;
    private volatile Rendered lastYaml;

    @GET
    @Path("openapi")
    @PermitAll
    @Operation(hidden = true)
    public Response openapi(@QueryParam("format") String format, @QueryParam("strict") @DefaultValue("false") boolean strict,
                            @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context UriInfo uri) throws IOException {
        boolean yaml = "yaml".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("yaml"));
        return render(yaml, strict, uri);
    }

    @GET
    @Path("openapi.json")
    @PermitAll
    @Operation(hidden = true)
    public Response json(@QueryParam("strict") @DefaultValue("false") boolean strict, @Context UriInfo uri) throws IOException {
        return render(false, strict, uri);
    }

    @GET
    @Path("openapi.yaml")
    @PermitAll
    @Operation(hidden = true)
    public Response yaml(@QueryParam("strict") @DefaultValue("false") boolean strict, @Context UriInfo uri) throws IOException {
        return render(true, strict, uri);
    }

    private Response render(boolean yaml, boolean strict, UriInfo uri) throws IOException {
        String server = config.openApi().publicUrl().map(Object::toString).orElseGet(() -> {
            String base = uri.getBaseUri().toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        });
        MergedOpenApi.Result r = merged.build(server);
        String missing = r.sources().entrySet().stream().filter(e -> e.getValue() != MergedOpenApi.SourceState.UP)
                .map(e -> e.getKey() + "-service=" + e.getValue().name().toLowerCase()).collect(Collectors.joining(", "));
        if (strict && !r.complete()) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The merged OpenAPI document is incomplete: " + missing,
                    java.util.List.of(), Map.of("Retry-After", "5"));
        }
        CacheControl cc = new CacheControl();
        cc.setNoCache(true);
        cc.setNoTransform(false);
        Response.ResponseBuilder rb = Response.ok(text(r, yaml), yaml ? "application/yaml" : "application/json").cacheControl(cc);
        if (!r.complete()) {
            rb.header("X-Portfolio-OpenAPI-Incomplete", missing);
        }
        return rb.build();
    }

    private byte[] text(MergedOpenApi.Result r, boolean yaml) throws IOException {
        Rendered last = yaml ? lastYaml : lastJson;
        if (last != null && last.result() == r) {
            return last.bytes();
        }
        synchronized (yaml ? YAML : JSON) {
            last = yaml ? lastYaml : lastJson;
            if (last != null && last.result() == r) {
                return last.bytes();
            }
            Rendered now = new Rendered(r, yaml ? YAML.writeValueAsBytes(r.document()) : JSON.writeValueAsBytes(r.document()));
            if (yaml) {
                lastYaml = now;
            } else {
                lastJson = now;
            }
            return now.bytes();
        }
    }
}
