package org.portfolio.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's public API over plain HTTP: OAuth2 client-credentials tokens per API client, JSON in and out, 429
 * answered by waiting (Retry-After), and every unexpected status turned into a {@link Unexpected} that names the
 * method, path, status and problem body.
 *
 * <p>With {@value #EXCHANGE_LOG} set to a file, every exchange (request line, body and content type, status, answer's
 * content type and body; no other header, so no token and no Basic credential) is appended to it as one JSON line: the
 * system tests check each of them against the gateway's merged OpenAPI document (DemoDistrictIT). The credentials an
 * answer carries (a token answer's {@code access_token}, a client registration's {@code clientSecret}, a webhook's
 * {@code secret}) are written as {@value #REDACTED}: the document declares them plain strings, so the check still
 * holds (sixteenth pass: the stack's log held eleven live tokens, a district administrator's among them). The file is
 * made mode 600 all the same.
 */
final class Gateway {

    /** An API client of the gateway with its current token. */
    static final class Client {
        final String label;
        final String id;
        final String secret;
        private String token;
        private Instant expires = Instant.EPOCH;

        Client(String label, String id, String secret) {
            this.label = label;
            this.id = id;
            this.secret = secret;
        }
    }

    /** An answer the loader did not expect. */
    static final class Unexpected extends RuntimeException {
        final int status;

        Unexpected(String method, String path, int status, String body) {
            super(method + " " + path + " answered " + status + (body == null || body.isBlank() ? "" : ":\n" + body));
            this.status = status;
        }
    }

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** What a credential in an answer is written as in the exchange log. */
    static final String REDACTED = "redacted";

    /** The answer fields that carry a credential, redacted in the exchange log. */
    private static final Set<String> CREDENTIALS = Set.of("access_token", "clientSecret", "secret");

    /** Environment variable: the file every exchange is appended to (JSON lines), for the contract check; unset: none. */
    static final String EXCHANGE_LOG = "PORTFOLIO_DEMO_EXCHANGE_LOG";

    final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Path exchangeLog;
    int requests;

    Gateway(URI base) {
        this(base, Optional.ofNullable(System.getenv(EXCHANGE_LOG)).filter(v -> !v.isBlank()).map(Path::of).orElse(null));
    }

    Gateway(URI base, Path exchangeLog) {
        this.base = base;
        this.exchangeLog = exchangeLog;
    }

    /** A token for the client (POST /oauth/token, HTTP Basic); null when the gateway refuses the credentials. */
    String tryToken(Client c) {
        String basic = Base64.getEncoder().encodeToString((c.id + ":" + c.secret).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials";
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        Answer a = exchange("POST", "/oauth/token", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), b);
        if (a.status() == 400 || a.status() == 401) {
            return null;
        }
        if (a.status() != 200) {
            throw new Unexpected("POST", "/oauth/token (client " + c.id + ")", a.status(), a.raw().body());
        }
        c.token = a.json().path("access_token").asText();
        c.expires = Instant.now().plusSeconds(a.json().path("expires_in").asLong(1800) - 120);
        return c.token;
    }

    private String token(Client c) {
        if (c.token == null || Instant.now().isAfter(c.expires)) {
            if (tryToken(c) == null) {
                throw new IllegalStateException("the gateway refused the credentials of " + c.label + " (" + c.id + ")");
            }
        }
        return c.token;
    }

    JsonNode get(Client c, String path) {
        return call(c, "GET", path, null, null, Set.of(200)).json();
    }

    /** Every item of a paged list ({@code items, page, size, total}). */
    List<JsonNode> all(Client c, String path) {
        List<JsonNode> items = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            JsonNode p = get(c, path + sep + "size=200&page=" + page);
            if (p.isArray()) { // a list that is not paged
                p.forEach(items::add);
                return items;
            }
            p.path("items").forEach(items::add);
            if (p.path("items").size() < 200 || items.size() >= p.path("total").asLong()) {
                return items;
            }
        }
    }

    /** POST with a JSON body, or with none when {@code body} is null. */
    JsonNode post(Client c, String path, Object body, Integer... expected) {
        return call(c, "POST", path, body == null ? null : "application/json", bytes(body), Set.of(expected)).json();
    }

    Answer call(Client c, String method, String path, String contentType, byte[] body, Set<Integer> expected) {
        return call(c, method, path, contentType, body, expected, null);
    }

    Answer call(Client c, String method, String path, String contentType, byte[] body, Set<Integer> expected, String ifMatch) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Accept", "application/json, application/problem+json");
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (ifMatch != null) {
                b.header("If-Match", ifMatch);
            }
            if (c != null) {
                b.header("Authorization", "Bearer " + token(c));
            }
            Answer a = exchange(method, path, contentType, body, b);
            if (a.status() == 401 && c != null && attempt == 0) {
                c.token = null; // expired or revoked between calls: one fresh token
                continue;
            }
            if ((a.status() == 429 || a.status() == 503) && attempt < 60) {
                sleep(1000L * Math.max(1, a.raw().headers().firstValue("Retry-After").map(Gateway::seconds).orElse(1L)));
                continue;
            }
            if (!expected.contains(a.status())) {
                throw new Unexpected(method, path, a.status(), a.raw().body());
            }
            return a;
        }
    }

    private Answer exchange(String method, String path, String contentType, byte[] body, HttpRequest.Builder b) {
        try {
            requests++;
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            record(method, contentType, body, r);
            JsonNode json = MissingNode.getInstance();
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (type.contains("json") && !r.body().isBlank()) {
                json = JSON.readTree(r.body());
            }
            return new Answer(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base.resolve(path) + " failed (is the stack up? ./portfolio status): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Appends the exchange to the exchange log, when there is one. */
    private void record(String method, String contentType, byte[] body, HttpResponse<String> r) throws IOException {
        if (exchangeLog == null) {
            return;
        }
        URI uri = r.request().uri();
        ObjectNode line = JSON.createObjectNode();
        line.put("method", method);
        line.put("path", uri.getRawPath());
        line.put("query", uri.getRawQuery());
        line.put("requestContentType", contentType);
        line.put("requestBody", body == null ? null : new String(body, StandardCharsets.UTF_8));
        line.put("status", r.statusCode());
        line.put("contentType", r.headers().firstValue("Content-Type").orElse(null));
        line.put("body", redacted(r.body(), r.headers().firstValue("Content-Type").orElse("")));
        if (!Files.exists(exchangeLog)) {
            Files.createFile(exchangeLog, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(exchangeLog, JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The answer's body with the credentials of a JSON object's top level redacted; any other body as it is. */
    static String redacted(String body, String contentType) {
        if (body == null || !contentType.contains("json") || body.isBlank()) {
            return body;
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (!(json instanceof ObjectNode object) || CREDENTIALS.stream().noneMatch(f -> object.path(f).isTextual())) {
                return body;
            }
            CREDENTIALS.stream().filter(f -> object.path(f).isTextual()).forEach(f -> object.put(f, REDACTED));
            return JSON.writeValueAsString(object);
        } catch (IOException notJson) {
            return body;
        }
    }

    static byte[] bytes(Object body) {
        try {
            return body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
