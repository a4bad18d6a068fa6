package org.portfolio.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader's exchange log, which the system tests check against the merged OpenAPI document: every exchange, as
 * sent and as answered (retries and token calls included), one JSON line each, with no token or Basic credential in it.
 */
class GatewayExchangeLogTest {

    HttpServer server;
    int tooMany = 1;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", x -> {
            String path = x.getRequestURI().getPath();
            String answer;
            int status;
            String type = "application/json";
            if (path.equals("/oauth/token")) {
                status = 200;
                answer = "{\"access_token\":\"the-token\",\"token_type\":\"Bearer\",\"expires_in\":1800}";
            } else if (path.equals("/api/schools") && x.getRequestMethod().equals("POST") && tooMany-- > 0) {
                status = 429;
                type = "application/problem+json";
                answer = "{\"type\":\"urn:portfolio:problem:rate-limited\",\"status\":429}";
                x.getResponseHeaders().add("Retry-After", "1");
            } else if (path.equals("/api/schools") && x.getRequestMethod().equals("POST")) {
                status = 201;
                answer = "{\"id\":\"s1\"}";
            } else if (path.equals("/api/admin/clients")) {
                status = 201;
                answer = "{\"clientId\":\"cl_x\",\"clientSecret\":\"the-client-secret\",\"roles\":[\"SIS\"]}";
            } else {
                status = 200;
                answer = "{\"items\":[],\"page\":0,\"size\":200,\"total\":0}";
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", type);
            x.sendResponseHeaders(status, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void everyExchangeIsAppendedAsOneJsonLineWithoutTheTokenOrBasicCredentialsToAnOwnerOnlyFile(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("exchanges.jsonl");
        Gateway gw = new Gateway(base(), log);
        Gateway.Client c = new Gateway.Client("a client", "client-id", "client-secret");

        gw.get(c, "/api/schools?type=CHARTER&size=2");
        gw.post(c, "/api/schools", Map.of("name", "Harbor Light"), 201);

        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            lines.add(Gateway.JSON.readTree(l));
        }
        // the token, the GET, the POST answered 429 and the same POST again
        assertThat(lines).hasSize(4).hasSize(gw.requests);
        assertThat(lines.get(0).path("method").asText()).isEqualTo("POST");
        assertThat(lines.get(0).path("path").asText()).isEqualTo("/oauth/token");
        assertThat(lines.get(0).path("requestContentType").asText()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(lines.get(0).path("requestBody").asText()).isEqualTo("grant_type=client_credentials");

        JsonNode get = lines.get(1);
        assertThat(get.path("method").asText()).isEqualTo("GET");
        assertThat(get.path("path").asText()).isEqualTo("/api/schools");
        assertThat(get.path("query").asText()).isEqualTo("type=CHARTER&size=2");
        assertThat(get.path("requestBody").isNull()).isTrue();
        assertThat(get.path("status").asInt()).isEqualTo(200);
        assertThat(get.path("contentType").asText()).isEqualTo("application/json");
        assertThat(get.path("body").asText()).contains("\"total\":0");

        assertThat(lines.get(2).path("status").asInt()).isEqualTo(429);
        assertThat(lines.get(2).path("contentType").asText()).isEqualTo("application/problem+json");
        JsonNode post = lines.get(3);
        assertThat(post.path("requestContentType").asText()).isEqualTo("application/json");
        assertThat(post.path("requestBody").asText()).isEqualTo("{\"name\":\"Harbor Light\"}");
        assertThat(post.path("status").asInt()).isEqualTo(201);
        assertThat(post.path("body").asText()).isEqualTo("{\"id\":\"s1\"}");

        // the token answer's token and a registration's secret are redacted (sixteenth pass: the stack's exchange log
        // held eleven live tokens, a district administrator's among them, for their 30 minutes)
        assertThat(Gateway.JSON.readTree(lines.get(0).path("body").asText()).path("access_token").asText()).isEqualTo(Gateway.REDACTED);
        String all = Files.readString(log);
        assertThat(all).doesNotContain("client-secret").doesNotContain("the-token").doesNotContain("Authorization");
        assertThat(Files.getPosixFilePermissions(log)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Set.copyOf(lines.stream().map(l -> l.size()).toList())).containsExactly(8);
    }

    @Test
    void aRegistrationsSecretIsRedactedAndTheRestOfTheAnswerKept(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("exchanges.jsonl");
        Gateway gw = new Gateway(base(), log);
        gw.post(new Gateway.Client("admin", "client-id", "client-secret"), "/api/admin/clients", Map.of("name", "x"), 201);
        String all = Files.readString(log);
        assertThat(all).doesNotContain("the-client-secret").doesNotContain("the-token");
        JsonNode answer = Gateway.JSON.readTree(Gateway.JSON.readTree(Files.readAllLines(log).get(1)).path("body").asText());
        assertThat(answer.path("clientSecret").asText()).isEqualTo(Gateway.REDACTED);
        assertThat(answer.path("clientId").asText()).isEqualTo("cl_x");
        assertThat(answer.path("roles").get(0).asText()).isEqualTo("SIS");
    }

    @Test
    void withoutALogNothingIsWritten(@TempDir Path dir) throws IOException {
        Gateway gw = new Gateway(base(), null);
        gw.get(new Gateway.Client("a client", "client-id", "client-secret"), "/api/schools");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
