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
 * Stands in for performance-service's ingestion endpoint (and the gateway's token endpoint, for edfi-service's own
 * client) in this module's tests (the whole chain through the real
 * performance-service is proved in system-tests, EdFiGrandBendIT): records every attendance upload with the token it
 * carried and answers as performance-service does (201 with the job), or rejects the rows of a school a test names.
 * Started once per test JVM, like the infrastructure.
 */
@QuarkusTestResource(FakePerformance.class)
public class FakePerformance implements QuarkusTestResourceLifecycleManager {

    /** One upload: the Authorization header, the rows and the X-Request-Id header. */
    public record Upload(String authorization, JsonNode rows, String requestId) {

        Upload(String authorization, JsonNode rows) {
            this(authorization, rows, null);
        }
    }

    public static final List<Upload> UPLOADS = new CopyOnWriteArrayList<>();
    /** The attendance rows performance-service kept (schoolId|studentId), in order: a row it rejected is not here. */
    public static final List<String> KEPT = new CopyOnWriteArrayList<>();
    /** The assessment uploads. */
    public static final List<Upload> ASSESSMENTS = new CopyOnWriteArrayList<>();
    /** The assessment corrections (retractions): the Authorization header and the body. */
    public static final List<Upload> CORRECTIONS = new CopyOnWriteArrayList<>();
    /** The attendance corrections (retractions): the Authorization header and the body. */
    public static final List<Upload> ATTENDANCE_CORRECTIONS = new CopyOnWriteArrayList<>();
    /** The assessment records "stored" (schoolId|schoolYear|studentId|subject|testCode): a retraction of another is 422 record-not-found. */
    public static final java.util.Set<String> STORED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Rows of this school id (UUID text) are rejected as of a school performance-service does not know. */
    public static volatile String rejectSchool;
    /** Rows of this school id are rejected as outside the caller's scope (performance-service has not heard of the client yet). */
    public static volatile String notScopedSchool;
    /** When not 0, every ingestion and correction is answered with this status (503: performance-service down). */
    public static volatile int failStatus;
    /** An attendance upload carrying a row of this student id fails (500), whatever else it carries (a poison record). */
    public static volatile String failStudent;
    /** Attendance uploads answered 500 because of {@link #failStudent}. */
    public static final java.util.concurrent.atomic.AtomicInteger POISONED = new java.util.concurrent.atomic.AtomicInteger();
    /** How long each attendance upload takes (widens the window in which two derivers could overlap). */
    public static volatile int uploadMillis;
    /** Attendance records (schoolId|schoolYear|studentId) two uploads carried at the same time: must stay empty. */
    public static final java.util.Set<String> OVERLAPS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.Set<String> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** edfi-service's own client's token, as the stand-in token endpoint issues it. */
    public static final String SERVICE_TOKEN = org.portfolio.testing.TestTokens.byReference("svc_edfi", "SIS");
    public static final String SERVICE_SECRET = "edfi-service-secret-for-tests-0123456789abcdef";
    /** Token requests seen (with the right client credentials). */
    public static final java.util.concurrent.atomic.AtomicInteger TOKENS = new java.util.concurrent.atomic.AtomicInteger();

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
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/oauth/token", ex -> {
                String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("svc_edfi:" + SERVICE_SECRET).getBytes(StandardCharsets.UTF_8));
                ex.getRequestBody().readAllBytes();
                if (!basic.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    answer(ex, 401, "{\"error\":\"invalid_client\"}");
                    return;
                }
                TOKENS.incrementAndGet();
                answer(ex, 200, "{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1800}");
            });
            server.createContext("/api/performance/ingest/attendance", ex -> {
                JsonNode rows = JSON.readTree(ex.getRequestBody());
                if (failStatus != 0) {
                    answer(ex, failStatus, "{\"type\":\"https://portfolio.example/problems/unavailable\",\"status\":" + failStatus + "}");
                    return;
                }
                String poison = failStudent;
                for (JsonNode r : rows) {
                    if (poison != null && poison.equals(r.path("studentId").asText())) {
                        POISONED.incrementAndGet();
                        answer(ex, 500, "{\"type\":\"https://portfolio.example/problems/internal\",\"status\":500}");
                        return;
                    }
                }
                List<String> keys = new java.util.ArrayList<>();
                for (JsonNode r : rows) {
                    String k = r.path("schoolId").asText() + "|" + r.path("schoolYear").asText() + "|" + r.path("studentId").asText();
                    if (!IN_FLIGHT.add(k)) {
                        OVERLAPS.add(k);
                    }
                    keys.add(k);
                }
                try {
                    if (uploadMillis > 0) {
                        Thread.sleep(uploadMillis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                UPLOADS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), rows, ex.getRequestHeaders().getFirst("X-Request-Id")));
                keys.forEach(IN_FLIGHT::remove);
                ingestAnswer(ex, rows, r -> KEPT.add(r.path("schoolId").asText() + "|" + r.path("studentId").asText()));
            });
            server.createContext("/api/performance/ingest/assessments", ex -> {
                JsonNode rows = JSON.readTree(ex.getRequestBody());
                if (failStatus != 0) {
                    answer(ex, failStatus, "{\"status\":" + failStatus + "}");
                    return;
                }
                ASSESSMENTS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), rows));
                ingestAnswer(ex, rows, r -> STORED.add(key(r)));
            });
            server.createContext("/api/performance/corrections/assessments", ex -> {
                JsonNode body = correction(ex);
                if (body == null) {
                    return;
                }
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
            server.createContext("/api/performance/corrections/attendance", ex -> {
                JsonNode body = correction(ex);
                if (body == null) {
                    return;
                }
                // to svc_edfi, performance-service answers every RETRACT as done, stored or not
                ATTENDANCE_CORRECTIONS.add(new Upload(ex.getRequestHeaders().getFirst("Authorization"), body));
                answer(ex, 201, "{}");
            });
            server.start();
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        // the deriver quick to react in tests (production: 500 ms poll, 200 ms gathering, retries from 1 s)
        return Map.of("portfolio.edfi.performance-url", base, "portfolio.edfi.service-client.token-url", base + "/oauth/token",
                "portfolio.edfi.service-client.secret", SERVICE_SECRET, "portfolio.edfi.deriver.poll-interval", "100ms",
                "portfolio.edfi.deriver.gather-delay", "10ms", "portfolio.edfi.deriver.retry-min", "200ms",
                "portfolio.edfi.deriver.retry-max", "1s");
    }

    /**
     * A correction's body, or null when it was answered already as performance-service would: {@link #failStatus}, or
     * 400 past its bound of 1 to 500 items per correction.
     */
    private static JsonNode correction(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        if (failStatus != 0) {
            answer(ex, failStatus, "{\"status\":" + failStatus + "}");
            return null;
        }
        if (body.path("items").size() > 500) {
            answer(ex, 400, "{\"type\":\"https://portfolio.example/problems/validation\",\"status\":400}");
            return null;
        }
        return body;
    }

    /** performance-service's caps: at most this many row errors listed in the answer (all are counted). */
    static final int LISTED_ERRORS = 100;
    /** An upload whose first this many rows are all rejected is stopped: 422 upload-rows-rejected, nothing kept. */
    static final int HOPELESS_ROWS = 1_000;
    /** Rows refused as not scoped so far (a test sees that the refusal happened). */
    public static final java.util.concurrent.atomic.AtomicInteger NOT_SCOPED_REFUSED = new java.util.concurrent.atomic.AtomicInteger();
    /** Uploads (attendance and assessments) seen, with the largest number of rows one carried. */
    public static final java.util.concurrent.atomic.AtomicInteger LARGEST_UPLOAD = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Answers an ingestion as performance-service does: rows of {@link #rejectSchool} or {@link #notScopedSchool} are
     * row errors; the answer lists at most the first 100 errors (rowsRejected counts them all); an upload whose first
     * 1,000 rows are all rejected is a 422 upload-rows-rejected and nothing is kept; the kept rows go to {@code keep}.
     */
    private static void ingestAnswer(com.sun.net.httpserver.HttpExchange ex, JsonNode rows, java.util.function.Consumer<JsonNode> keep) throws IOException {
        LARGEST_UPLOAD.accumulateAndGet(rows.size(), Math::max);
        StringBuilder errors = new StringBuilder();
        int rejected = 0;
        int listed = 0;
        List<JsonNode> kept = new java.util.ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String sc = rows.get(i).path("schoolId").asText();
            if (sc.equals(rejectSchool) || sc.equals(notScopedSchool)) {
                if (sc.equals(notScopedSchool)) {
                    NOT_SCOPED_REFUSED.incrementAndGet();
                }
                if (listed < LISTED_ERRORS) {
                    errors.append(listed++ == 0 ? "" : ",").append("{\"row\":").append(i + 1)
                            .append(",\"field\":\"schoolId\",\"message\":\"").append(sc.equals(rejectSchool)
                                    ? "no registered school has this id" : "your client is not scoped to this school").append("\"}");
                }
                rejected++;
                if (rejected == HOPELESS_ROWS && kept.isEmpty()) {
                    answer(ex, 422, "{\"type\":\"https://portfolio.example/problems/upload-rows-rejected\",\"status\":422,"
                            + "\"detail\":\"The first 1000 rows were all rejected, so the upload was stopped and nothing was kept\","
                            + "\"errors\":[\"row 1: schoolId\"]}");
                    return;
                }
            } else {
                kept.add(rows.get(i));
            }
        }
        if (keep != null) {
            kept.forEach(keep);
        }
        byte[] body = ("{\"rowsReceived\":" + rows.size() + ",\"rowsRejected\":" + rejected + ",\"errors\":[" + errors + "]}")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(201, body.length);
        ex.getResponseBody().write(body);
        ex.close();
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
