package org.portfolio.system.sweep;

import org.portfolio.testing.contract.ContractValidation;
import org.portfolio.testing.contract.OpenApiContract;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Raw HTTP against the gateway: exact bytes and exact Content-Type (rest-assured would serialize or add a
 * charset), and a count of every request sent. A 429 of the gateway's rate limit is waited out and retried.
 */
final class Http {

    record Answer(int status, String contentType, String etag, String body, long millis, java.util.Map<String, String> headers) {
        String head(int n) {
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return b.length() <= n ? b : b.substring(0, n) + "…";
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    /** Requests with a larger body have only their answer checked against the document. */
    static final int CHECKED_BODY_LIMIT = 64 * 1024;
    final List<String> contractViolations = new ArrayList<>();
    /**
     * Acceptances the document forbids, of requests that are known service findings (BadInputSweepIT.KNOWN_VIOLATIONS):
     * listed, not failed. A known case whose answer breaks the document is still a contract violation.
     */
    final List<String> knownContractViolations = new ArrayList<>();

    Http(String base) {
        this.base = base;
    }

    Answer send(String method, String pathAndQuery, String token, String contentType, byte[] body) {
        return send(method, pathAndQuery, token, contentType, body, false);
    }

    /** @param known a request of a known finding: its acceptance although the document forbids it is only listed */
    Answer send(String method, String pathAndQuery, String token, String contentType, byte[] body, boolean known) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json;q=0.9, */*;q=0.1");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            long started = System.nanoTime();
            try {
                sent.incrementAndGet();
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() == 429 && attempt < 20) {
                    rateLimited.incrementAndGet();
                    Thread.sleep(1000L * Math.max(1, r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L)));
                    continue;
                }
                java.util.Map<String, String> headers = new java.util.HashMap<>();
                r.headers().map().forEach((name, values) -> {
                    if (!values.isEmpty()) {
                        headers.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                    }
                });
                Answer a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                        r.headers().firstValue("ETag").orElse(null), r.body(), (System.nanoTime() - started) / 1_000_000, headers);
                checkContract(method, pathAndQuery, contentType, body, a, known);
                return a;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                // a broken connection is a finding too (status 0), not a crash of the sweep
                return new Answer(0, "", null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                        (System.nanoTime() - started) / 1_000_000, java.util.Map.of());
            }
        }
    }

    /**
     * Every answer of the sweep is checked against the gateway's merged OpenAPI document (a hostile request the
     * document forbids must get a declared 4xx); violations are collected, not thrown, so that the sweep lists them all.
     */
    private void checkContract(String method, String pathAndQuery, String contentType, byte[] body, Answer a, boolean known) {
        URI uri = URI.create(base + pathAndQuery);
        try {
            if (body != null && (body.length > CHECKED_BODY_LIMIT || rowsRejected(a))) {
                // only the answer is checked: for megabytes of hostile JSON (the validator's messages quote the
                // instance), and for an SIS upload that answers 201 listing the rows it rejected (the job design,
                // docs/performance-service.md): rows the document forbids, refused row by row, as the sweep counts them
                ContractValidation.checkAnswer(base, new OpenApiContract.Exchange(method, uri.getRawPath(), uri.getRawQuery(),
                        contentType, null, a.status(), a.contentType(), a.body(), a.headers()));
            } else {
                ContractValidation.check(base, new OpenApiContract.Exchange(method, uri.getRawPath(), uri.getRawQuery(), contentType,
                        body == null ? null : new String(body, StandardCharsets.UTF_8), a.status(), a.contentType(), a.body(),
                        a.headers()));
            }
        } catch (AssertionError e) {
            String why = e.getMessage().length() > 600 ? e.getMessage().substring(0, 600) + "…" : e.getMessage();
            boolean excused = known && !e.getMessage().contains("\n  answer: ");
            synchronized (contractViolations) {
                (excused ? knownContractViolations : contractViolations).add(why);
            }
        }
    }

    /** A 2xx upload answer that rejected rows (rowsRejected > 0): the rows the document forbids were refused. */
    static boolean rowsRejected(Answer a) {
        if (a.status() < 200 || a.status() >= 300 || a.body() == null || !a.body().contains("\"rowsRejected\"")) {
            return false;
        }
        try {
            return Sweep.JSON.readTree(a.body()).path("rowsRejected").asLong(0) > 0;
        } catch (Exception e) {
            return false;
        }
    }

    Answer json(String method, String path, String token, String json) {
        return send(method, path, token, json == null ? null : "application/json",
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /** A token of the client credentials grant. */
    String token(String clientId, String secret) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> a = client.send(r, HttpResponse.BodyHandlers.ofString());
            if (a.statusCode() != 200) {
                throw new IllegalStateException("token for " + clientId + ": " + a.statusCode() + " " + a.body());
            }
            return Sweep.JSON.readTree(a.body()).path("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String query(Map<String, String> params) {
        if (params.isEmpty()) {
            return "";
        }
        return "?" + params.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
