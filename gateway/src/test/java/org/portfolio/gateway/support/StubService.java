package org.portfolio.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A stand-in for the services behind the gateway (the real ones run in system-tests): a plain HTTP server that
 * shows what reached it, streams, stalls or breaks on demand, so the proxy's mechanics can be tested here.
 * <ul>
 *   <li>any path: answers 200 with what it received (method, path, query, headers, body size)</li>
 *   <li>{@code /upload}: counts the body while it streams; opens {@link #firstMegabyteArrived} after 1 MiB</li>
 *   <li>{@code /download?mib=N}: streams N MiB, pausing after the first until {@link #clientReadFirstMegabyte}</li>
 *   <li>{@code /stream?mib=N}: streams N MiB as fast as it is read; counts the ones that went through
 *       ({@link #STREAMS_COMPLETED}) and the ones whose connection was closed before the end ({@link #STREAMS_BROKEN})</li>
 *   <li>{@code /hold}: counts its arrival ({@link #HELD}) and answers once {@link #release} opens (at most 30 s;
 *   {@code ?latch=2}: {@link #release2})</li>
 *   <li>{@code /slow}: answers after 5 s; {@code /broken}: closes the connection without answering; {@code /cut}: the
 *       same after the first KiB of the body, the rest unread</li>
 *   <li>{@code /created}: 201 with {@code Location} and {@code Content-Location} built like the services build
 *       theirs, from the Host header that reached it ({@code http://<host>/<path>/42}); {@code ?location=X} answers
 *       X instead, with {@code {self}} standing for that Host header</li>
 *   <li>{@code /cached}: 200 with its own {@code Cache-Control} (public, 60 s), {@code X-Frame-Options} and a {@code RateLimit} of its own</li>
 *   <li>{@code /q/openapi}: a small OpenAPI document</li>
 * </ul>
 */
public final class StubService {

    public static final AtomicInteger CALLS = new AtomicInteger();
    /** The one school of the stub's directory ({@code GET /api/schools}), known to no school event. */
    public static final String DIRECTORY_SCHOOL = "5eeb0000-0000-4000-8000-00000000d001";
    public static final String DIRECTORY_BODY = "5eeb0000-0000-4000-8000-00000000b001";
    public static final String DIRECTORY_ZONE = "Directory zone, north";
    public static final Map<String, String> LAST_HEADERS = new ConcurrentHashMap<>();
    public static volatile CountDownLatch firstMegabyteArrived = new CountDownLatch(1);
    public static volatile CountDownLatch clientReadFirstMegabyte = new CountDownLatch(1);
    public static final AtomicInteger STREAMS_COMPLETED = new AtomicInteger();
    public static final AtomicInteger STREAMS_BROKEN = new AtomicInteger();
    public static final AtomicInteger HELD = new AtomicInteger();
    /** /early: answers 413 at once, then counts a request whose unfinished body was cut off by the gateway. */
    public static final AtomicInteger EARLY_CUT_OFF = new AtomicInteger();
    public static volatile CountDownLatch release = new CountDownLatch(0);
    /** What {@code /hold?latch=2} waits for instead of {@link #release}. */
    public static volatile CountDownLatch release2 = new CountDownLatch(0);

    private static final int MIB = 1 << 20;
    private static HttpServer server;

    private StubService() {
    }

    public static synchronized int start() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", StubService::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "stub-service");
                t.setDaemon(true);
                return t;
            }));
            server.start();
        }
        return server.getAddress().getPort();
    }

    private static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        try {
            if (path.equals("/q/openapi")) {
                send(ex, 200, "application/json", openApi());
                return;
            }
            if (path.equals("/api/schools") && ex.getRequestMethod().equals("GET")
                    && "application/json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
                // contracts-service's public directory, as the gateway's school-membership backfill reads it
                send(ex, 200, "application/json", "{\"items\": [{\"id\": \"" + DIRECTORY_SCHOOL + "\", \"oversightBodyId\": \""
                        + DIRECTORY_BODY + "\", \"zone\": \"" + DIRECTORY_ZONE + "\"}], \"page\": 0, \"size\": 200, \"total\": 1}");
                return;
            }
            CALLS.incrementAndGet();
            LAST_HEADERS.clear();
            ex.getRequestHeaders().forEach((k, v) -> LAST_HEADERS.put(k.toLowerCase(), String.join(",", v)));
            if (path.endsWith("/peer")) {
                // the gateway's end of the connection this request came on: the same port again means a kept connection
                send(ex, 200, "application/json", "{\"port\":" + ex.getRemoteAddress().getPort() + "}");
                return;
            }
            if (path.endsWith("/broken")) {
                ex.getRequestBody().readAllBytes();
                ex.close(); // no status line at all
                return;
            }
            if (path.endsWith("/halfway")) {
                // a service that breaks off in the middle of its answer
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, 0);
                OutputStream o = ex.getResponseBody();
                o.write(new byte[256 * 1024]);
                o.flush();
                throw new IllegalStateException("broken off halfway, on purpose");
            }
            if (path.endsWith("/cut")) {
                // a service that fails in the middle of reading a body: closes the connection without an answer
                ex.getRequestBody().readNBytes(1024);
                ex.close();
                return;
            }
            if (path.endsWith("/slow")) {
                ex.getRequestBody().readAllBytes();
                sleep(5000);
                send(ex, 200, "application/json", "{\"slow\":true}");
                return;
            }
            if (path.endsWith("/created")) {
                ex.getRequestBody().readAllBytes();
                String self = ex.getRequestHeaders().getFirst("Host");
                String q = ex.getRequestURI().getQuery();
                String location = q != null && q.startsWith("location=") ? q.substring(9).replace("{self}", self)
                        : "http://" + self + path + "/42";
                ex.getResponseHeaders().set("Location", location);
                ex.getResponseHeaders().set("Content-Location", location);
                send(ex, 201, "application/json", "{\"id\":42}");
                return;
            }
            if (path.endsWith("/cached")) {
                // a service that says how its answer may be cached, and a header the gateway also sets
                ex.getRequestBody().readAllBytes();
                ex.getResponseHeaders().set("Cache-Control", "public, max-age=60");
                ex.getResponseHeaders().set("X-Frame-Options", "ALLOWALL");
                ex.getResponseHeaders().set("RateLimit", "\"service\";r=1;t=1");
                send(ex, 200, "application/json", "{\"cached\":true}");
                return;
            }
            if (path.endsWith("/download")) {
                download(ex);
                return;
            }
            if (path.endsWith("/stream")) {
                stream(ex);
                return;
            }
            if (path.endsWith("/early")) {
                // a service refusing a body before reading it (its own 413), then waiting for the rest of the request
                byte[] b = "{\"early\":true}".getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(413, b.length);
                OutputStream out = ex.getResponseBody();
                out.write(b);
                out.flush();
                long read = 0;
                try (InputStream in = ex.getRequestBody()) {
                    byte[] buf = new byte[8192];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        read += n;
                    }
                } catch (IOException cutOff) {
                    // the connection closed under the read: as good as an end
                }
                long declared = Long.parseLong(ex.getRequestHeaders().getFirst("Content-Length"));
                if (read < declared) {
                    EARLY_CUT_OFF.incrementAndGet();
                }
                ex.close();
                return;
            }
            if (path.endsWith("/hold")) {
                ex.getRequestBody().readAllBytes();
                HELD.incrementAndGet();
                try {
                    String q = ex.getRequestURI().getRawQuery();
                    (q != null && q.contains("latch=2") ? release2 : release).await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "application/json", "{\"held\":true}");
                return;
            }
            long bytes = 0;
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                boolean signalled = false;
                for (int n; (n = in.read(buf)) > 0; ) {
                    bytes += n;
                    if (!signalled && bytes >= MIB) {
                        firstMegabyteArrived.countDown();
                        signalled = true;
                    }
                }
            }
            Map<String, String> h = ex.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a));
            String headersJson = h.entrySet().stream()
                    .map(e -> "\"" + esc(e.getKey()) + "\":\"" + esc(e.getValue()) + "\"").collect(Collectors.joining(","));
            String query = ex.getRequestURI().getRawQuery();
            send(ex, 200, "application/json", "{\"method\":\"" + ex.getRequestMethod() + "\",\"path\":\"" + esc(path)
                    + "\",\"query\":" + (query == null ? "null" : "\"" + esc(query) + "\"") + ",\"bytes\":" + bytes
                    + ",\"headers\":{" + headersJson + "}}");
        } catch (IOException e) {
            ex.close();
        }
    }

    private static void download(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        int mib = q != null && q.startsWith("mib=") ? Integer.parseInt(q.substring(4)) : 1;
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, 0); // chunked
        byte[] chunk = new byte[MIB];
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
                out.flush();
                if (i == 0) {
                    try {
                        // the rest only once the client has the first MiB: proves the gateway does not wait for the whole body
                        if (!clientReadFirstMegabyte.await(20, TimeUnit.SECONDS)) {
                            return;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static void stream(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        int mib = q != null && q.startsWith("mib=") ? Integer.parseInt(q.substring(4)) : 1;
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, 0); // chunked
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < mib * 16; i++) {
                out.write(chunk);
            }
        } catch (IOException e) {
            STREAMS_BROKEN.incrementAndGet(); // the gateway closed the connection before the end
            throw e;
        }
        STREAMS_COMPLETED.incrementAndGet();
    }

    private static String openApi() {
        String problem = "{\"type\":\"object\",\"description\":\"RFC 9457 problem details\",\"properties\":{\"type\":{\"type\":\"string\"}}}";
        return "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stub\",\"version\":\"1\"},"
                + "\"tags\":[{\"name\":\"Stub\",\"description\":\"stub operations\"}],"
                + "\"paths\":{"
                + "\"/api/schools/{id}\":{\"get\":{\"tags\":[\"Stub\"],\"summary\":\"a school\",\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}],"
                + "\"responses\":{\"200\":{\"description\":\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/SchoolResponse\"}}}},"
                + "\"404\":{\"description\":\"no\",\"content\":{\"application/problem+json\":{\"schema\":{\"$ref\":\"#/components/schemas/Problem\"}}}}}}},"
                + "\"/api/autonomy/things\":{\"post\":{\"tags\":[\"Stub\"],\"summary\":\"a thing\",\"security\":[{\"bearer\":[\"DISTRICT_ADMIN\"]}],"
                + "\"requestBody\":{\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}},"
                + "\"responses\":{\"201\":{\"description\":\"made\"}}}},"
                + "\"/api/performance/metrics\":{\"get\":{\"tags\":[\"Stub\"],\"summary\":\"metrics\",\"responses\":{\"200\":{\"description\":\"ok\"}}}},"
                + "\"/q/health\":{\"get\":{\"responses\":{\"200\":{\"description\":\"not for the merged document\"}}}}"
                + "},\"components\":{\"schemas\":{\"Problem\":" + problem + ","
                + "\"SchoolResponse\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}},"
                + "\"Unused\":{\"type\":\"string\"}},"
                + "\"securitySchemes\":{\"bearer\":{\"type\":\"http\",\"scheme\":\"bearer\",\"bearerFormat\":\"JWT\"}}}}";
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
