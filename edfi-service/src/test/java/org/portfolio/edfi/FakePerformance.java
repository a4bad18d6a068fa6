package org.portfolio.edfi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for performance-service's ingestion endpoint in this module's tests (the whole chain through the real
 * performance-service is proved in system-tests, EdFiGrandBendIT): records every attendance upload with the token it
 * carried and answers as performance-service does (201 with the job), or rejects the rows of a school a test names.
 * Started once per test JVM, like the infrastructure.
 */
@QuarkusTestResource(FakePerformance.class)
public class FakePerformance implements QuarkusTestResourceLifecycleManager {

    /** One upload: the Authorization header and the rows. */
    public record Upload(String authorization, JsonNode rows) {
    }

    public static final List<Upload> UPLOADS = new CopyOnWriteArrayList<>();
    /** The assessment uploads. */
    public static final List<Upload> ASSESSMENTS = new CopyOnWriteArrayList<>();
    /** The assessment corrections (retractions): the Authorization header and the body. */
    public static final List<Upload> CORRECTIONS = new CopyOnWriteArrayList<>();
    /** The assessment records "stored" (schoolId|schoolYear|studentId|subject|testCode): a retraction of another is 422 record-not-found. */
    public static final java.util.Set<String> STORED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Rows of this school id (UUID text) are rejected as outside the caller's scope. */
    public static volatile String rejectSchool;

    private static HttpServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/performance/ingest/attendance", ex -> {
                JsonNode rows = JSON.readTree(ex.getRequestBody());
                UPLOADS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), rows));
                StringBuilder errors = new StringBuilder();
                int rejected = 0;
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).path("schoolId").asText().equals(rejectSchool)) {
                        errors.append(rejected++ == 0 ? "" : ",").append("{\"row\":").append(i + 1)
                                .append(",\"field\":\"schoolId\",\"message\":\"your client is not scoped to this school\"}");
                    }
                }
                byte[] body = ("{\"rowsReceived\":" + rows.size() + ",\"rowsRejected\":" + rejected + ",\"errors\":[" + errors + "]}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(201, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.createContext("/api/performance/ingest/assessments", ex -> {
                JsonNode rows = JSON.readTree(ex.getRequestBody());
                ASSESSMENTS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), rows));
                for (JsonNode r : rows) {
                    STORED.add(key(r));
                }
                answer(ex, 201, "{\"rowsReceived\":" + rows.size() + ",\"rowsRejected\":0,\"errors\":[]}");
            });
            server.createContext("/api/performance/corrections/assessments", ex -> {
                JsonNode body = JSON.readTree(ex.getRequestBody());
                CORRECTIONS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), body));
                for (JsonNode i : body.get("items")) {
                    if (!STORED.contains(key(i))) {
                        answer(ex, 422, "{\"type\":\"https://portfolio.example/problems/record-not-found\",\"status\":422}");
                        return;
                    }
                }
                body.get("items").forEach(i -> STORED.remove(key(i)));
                answer(ex, 201, "{}");
            });
            server.start();
        }
        return Map.of("portfolio.edfi.performance-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String key(JsonNode r) {
        return r.path("schoolId").asText() + "|" + r.path("schoolYear").asText() + "|" + r.path("studentId").asText() + "|"
                + r.path("subject").asText() + "|" + r.path("testCode").asText();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void stop() {
        // lives as long as the test JVM (the app may restart)
    }
}
