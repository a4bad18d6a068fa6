package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.tools.Spectral;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's merged OpenAPI document over the real services: complete, consistent, and lint-clean. */
@ExtendWith(RunningStack.class)
class MergedOpenApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("contracts-service", "autonomy-service", "performance-service", "enrollment-service", "integration-service",
            "edfi-service");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final Api api;

    MergedOpenApiIT(RunningStack.Stack running) {
        this.api = new Api(running.stack());
    }

    private JsonNode merged() throws Exception {
        Response r = api.gw().get("/openapi?strict=true");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return JSON.readTree(r.asString());
    }

    @Test
    void everyOperationOfEveryServiceIsInTheMergedDocumentUnderItsPublicPath() throws Exception {
        JsonNode merged = merged();
        for (String service : SERVICES) {
            JsonNode own = JSON.readTree(api.direct(service).accept("application/json").get("/q/openapi").asString());
            Iterator<Map.Entry<String, JsonNode>> paths = own.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> p = paths.next();
                for (String method : METHODS) {
                    if (p.getValue().has(method)) {
                        assertThat(merged.path("paths").path(p.getKey()).has(method)).as(service + " " + method + " " + p.getKey()).isTrue();
                    }
                }
            }
        }
        assertThat(merged.path("paths").has("/oauth/token")).isTrue();
        assertThat(merged.path("components").path("securitySchemes").path("oauth2").path("flows").path("clientCredentials")
                .path("tokenUrl").asText()).isEqualTo(api.gateway() + "/oauth/token");
        assertThat(merged.path("x-portfolio-sources").findValuesAsText("status")).containsOnly("UP");
    }

    /**
     * The committed snapshot the build generates its Java client from (system-tests/src/test/openapi/portfolio.json)
     * is the live document: a change to any service's API that is not in the snapshot fails here, with the command
     * that refreshes it ({@link OpenApiSnapshot#REFRESH}).
     */
    @Test
    void theCommittedSnapshotTheClientIsGeneratedFromIsTheLiveDocument() throws Exception {
        JsonNode live = OpenApiSnapshot.normalise(merged(), api.gateway());
        if (OpenApiSnapshot.refreshRequested()) {
            OpenApiSnapshot.write(live);
            System.out.println("[openapi] wrote the live merged document to " + OpenApiSnapshot.FILE.toAbsolutePath());
            return;
        }
        List<String> differences = OpenApiSnapshot.differences(OpenApiSnapshot.read(), live);
        assertThat(differences).as("the committed OpenAPI snapshot %s differs from the live merged document (first %d"
                        + " differences shown); refresh it with:%n  %s%n", OpenApiSnapshot.FILE, differences.size(), OpenApiSnapshot.REFRESH)
                .isEmpty();
    }

    @Test
    void passesTheSpectralOpenApiRulesetWithNoErrorsAndNoWarnings() throws Exception {
        Path file = Path.of("target", "openapi-lint", "portfolio-openapi.json").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(merged()));
        List<Spectral.Finding> findings = Spectral.lint(file);
        List<Spectral.Finding> errorsAndWarnings = findings.stream().filter(f -> f.severity() <= 1).toList();
        System.out.printf("spectral:oas on the merged document: %d errors, %d warnings%n",
                findings.stream().filter(f -> f.severity() == 0).count(), findings.stream().filter(f -> f.severity() == 1).count());
        errorsAndWarnings.forEach(f -> System.out.println("  " + f));
        assertThat(errorsAndWarnings).as("spectral errors and warnings in " + file).isEmpty();
    }

    @Test
    void everyOperationHasAUniqueReadableOperationIdAndTheSameDocumentComesBackByteForByte() throws Exception {
        String first = api.gw().get("/openapi?strict=true").asString();
        JsonNode merged = JSON.readTree(first);
        List<String> ids = new ArrayList<>();
        merged.path("paths").forEach(item -> METHODS.forEach(m -> {
            if (item.has(m)) {
                ids.add(item.path(m).path("operationId").asText(""));
            }
        }));
        assertThat(ids).doesNotContain("").doesNotHaveDuplicates();
        assertThat(merged.at("/paths/~1api~1contracts~1{id}/get/operationId").asText()).isEqualTo("getContract");
        assertThat(merged.at("/paths/~1api~1contracts/get/operationId").asText()).isEqualTo("listContracts");
        assertThat(merged.at("/paths/~1api~1enrollment~1periods~1{id}~1open/post/operationId").asText()).isEqualTo("openEnrollmentPeriod");
        assertThat(merged.at("/paths/~1oauth~1token/post/operationId").asText()).isEqualTo("requestToken");
        // the sources' fetch times aside (x-portfolio-sources), the same services give the same bytes
        ((com.fasterxml.jackson.databind.node.ObjectNode) merged).remove("x-portfolio-sources");
        com.fasterxml.jackson.databind.node.ObjectNode again = (com.fasterxml.jackson.databind.node.ObjectNode) merged();
        again.remove("x-portfolio-sources");
        assertThat(JSON.writeValueAsString(again)).isEqualTo(JSON.writeValueAsString(merged));
    }

    /**
     * Every operation a service declares public (no security requirement in its own document) must be open at
     * the gateway too: a public endpoint added to a service but not to portfolio.gateway.public-routes fails here.
     */
    @Test
    void whatTheServicesDeclarePublicIsReachableWithoutATokenThroughTheGateway() throws Exception {
        List<String> blocked = new ArrayList<>();
        for (String service : SERVICES) {
            JsonNode own = JSON.readTree(api.direct(service).accept("application/json").get("/q/openapi").asString());
            Iterator<Map.Entry<String, JsonNode>> paths = own.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> p = paths.next();
                for (String method : METHODS) {
                    JsonNode op = p.getValue().path(method);
                    if (op.isMissingNode() || (op.has("security") && op.get("security").size() > 0)) {
                        continue;
                    }
                    String path = p.getKey().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
                    var request = api.gw();
                    if (op.has("requestBody")) {
                        request = request.contentType("application/json").body("{}");
                    }
                    Response r = request.request(method.toUpperCase(), path);
                    if (r.statusCode() == 401) {
                        blocked.add(method.toUpperCase() + " " + p.getKey() + " (" + service + ")");
                    }
                }
            }
        }
        assertThat(blocked).as("public operations the gateway asks a token for").isEmpty();
    }
}
