package org.portfolio.system.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot the client is generated from: stable whatever the stack's ports, and a drift is named. */
class OpenApiSnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode live(String gateway, String description) throws Exception {
        return JSON.readTree("""
                {"openapi": "3.1.0", "servers": [{"url": "%s", "description": "The Portfolio gateway"}],
                 "paths": {"/api/schools": {"get": {"operationId": "getApiSchools", "description": "%s"}}},
                 "components": {"securitySchemes": {"oauth2": {"type": "oauth2", "flows": {"clientCredentials":
                   {"tokenUrl": "%s/oauth/token", "scopes": {}}}}}},
                 "x-portfolio-sources": [{"service": "gateway", "status": "UP", "fetchedAt": "2026-12-02T05:00:00Z"}]}
                """.formatted(gateway, description, gateway));
    }

    @Test
    void theRunningStacksAddressAndStatusAreNotPartOfTheSnapshotAndKeysAreSorted() throws Exception {
        JsonNode a = OpenApiSnapshot.normalise(live("http://127.0.0.1:41234", "The directory"), "http://127.0.0.1:41234/");
        JsonNode b = OpenApiSnapshot.normalise(live("http://127.0.0.1:39999", "The directory"), "http://127.0.0.1:39999");
        assertThat(a).isEqualTo(b);
        assertThat(OpenApiSnapshot.differences(a, b)).isEmpty();
        assertThat(a.at("/servers/0/url").asText()).isEqualTo("http://localhost:8080");
        assertThat(a.at("/components/securitySchemes/oauth2/flows/clientCredentials/tokenUrl").asText())
                .isEqualTo("http://localhost:8080/oauth/token");
        assertThat(a.has("x-portfolio-sources")).isFalse();
        Iterator<String> keys = a.fieldNames();
        assertThat(keys.next()).isEqualTo("components");
        assertThat(keys.next()).isEqualTo("openapi");
    }

    @Test
    void aChangedOperationIsNamedWithItsPath() throws Exception {
        JsonNode committed = OpenApiSnapshot.normalise(live("http://127.0.0.1:1", "The directory"), "http://127.0.0.1:1");
        JsonNode changed = OpenApiSnapshot.normalise(live("http://127.0.0.1:2", "The public directory"), "http://127.0.0.1:2");
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("paths")).putObject("/api/contracts");
        assertThat(OpenApiSnapshot.differences(committed, changed)).containsExactly(
                "/paths/~1api~1contracts: only in the live document",
                "/paths/~1api~1schools/get/description: snapshot \"The directory\", live \"The public directory\"");
        assertThat(OpenApiSnapshot.REFRESH).contains("-Dit.test=MergedOpenApiIT").contains("-D" + OpenApiSnapshot.PROPERTY + "=true");
    }
}
