package org.portfolio.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.portfolio.platform.web.problem.ProblemException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The AsyncAPI 3.0 document of the suite's events (module api-docs, {@code asyncapi/portfolio-events.yaml}): every
 * topic, record key, CloudEvents envelope and event type with the JSON Schema of its data. {@code GET /asyncapi}
 * answers the YAML as written; {@code ?format=json}, or an Accept header that asks for JSON and not YAML, the same
 * document as JSON. Anonymous, like the OpenAPI document (docs/events.md).
 */
@Path("/asyncapi")
public class AsyncApiResource {

    static final String RESOURCE = "asyncapi/portfolio-events.yaml";

    private static final String YAML_TYPE = "application/yaml";
    private static final String YAML_TEXT = read();
    private static final String JSON_TEXT = toJson(YAML_TEXT);

    @GET
    @PermitAll
    @Operation(hidden = true)
    public Response asyncapi(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean json;
        if (format != null) {
            if (!format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("yaml")) {
                throw ProblemException.invalid("format", "must be json or yaml");
            }
            json = format.equalsIgnoreCase("json");
        } else {
            json = accept != null && accept.contains("json") && !accept.contains("yaml");
        }
        CacheControl cc = new CacheControl();
        cc.setMaxAge(300);
        cc.setNoTransform(false);
        return Response.ok(json ? JSON_TEXT : YAML_TEXT, json ? "application/json" : YAML_TYPE)
                .cacheControl(cc).header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    private static String read() {
        try (InputStream in = AsyncApiResource.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path (module api-docs)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(String yaml) {
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("the AsyncAPI document is not valid YAML", e);
        }
    }
}
