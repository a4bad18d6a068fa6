package org.portfolio.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a real HTTP server (the JDK's): verifies every request with the Standard Webhooks reference
 * library (com.standardwebhooks, not written for this project) and records what it got. It can answer 2xx, fail
 * (503), or hang (never answer) on request.
 */
final class Receiver implements AutoCloseable {

    enum Mode { OK, FAIL, HANG }

    /** One request as received; {@code verified} says whether the library accepted its signature. */
    record Got(String webhookId, String type, String subject, long sequence, JsonNode event, boolean verified,
               boolean acknowledged, Instant at, String signatureHeader) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Got> got = new CopyOnWriteArrayList<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private final AtomicInteger slowArrivals = new AtomicInteger();
    private final List<Instant> slowArrivedAt = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    private volatile long delayMs;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/hook", this::handle);
        server.createContext("/slow", this::hang); // another subscription's path on the same host, never answered
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=abc";
    }

    /** The secrets a delivery's signature may be checked with (each must verify, with the library, on its own). */
    Receiver secret(String secret) {
        secrets.add(secret);
        return this;
    }

    Receiver mode(Mode m) {
        mode = m;
        return this;
    }

    /** Answers each request after this long (a slow endpoint). */
    Receiver delay(long ms) {
        delayMs = ms;
        return this;
    }

    List<Got> got() {
        return new ArrayList<>(got);
    }

    List<Got> acknowledged() {
        return got.stream().filter(Got::acknowledged).toList();
    }

    /** When each request arrived (also those never answered). */
    List<Instant> arrivals() {
        return new ArrayList<>(arrivals);
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void handle(HttpExchange x) throws IOException {
        arrivals.add(Instant.now());
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new HashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            boolean verified = !secrets.isEmpty();
            for (String s : secrets) {
                try {
                    new Webhook(s).verify(body, headers);
                } catch (Exception e) {
                    verified = false;
                }
            }
            Mode m = mode;
            if (m == Mode.HANG) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }
            JsonNode event = JSON.readTree(body);
            boolean ok = m == Mode.OK && verified;
            got.add(new Got(first(headers, "webhook-id"), event.path("type").asText(), event.path("subject").asText(null),
                    event.path("sequence").asLong(), event, verified, ok, Instant.now(), first(headers, "webhook-signature")));
            byte[] answer = (ok ? "thanks" : "not now").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(ok ? 204 : 503, ok ? -1 : answer.length);
            if (!ok) {
                x.getResponseBody().write(answer);
            }
        } finally {
            concurrent.decrementAndGet();
            x.close();
        }
    }

    /** Where {@link #slowUrl()} points: every request waits for a minute, then ends unanswered. */
    private void hang(HttpExchange x) throws IOException {
        slowArrivals.incrementAndGet();
        slowArrivedAt.add(Instant.now());
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        } finally {
            x.close();
        }
    }

    /** A path on this receiver's host and port that never answers (another tenant's slow endpoint there). */
    String slowUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
    }

    int slowArrivals() {
        return slowArrivals.get();
    }

    /** When each request to {@link #slowUrl()} arrived. */
    List<Instant> slowArrivedAt() {
        return new ArrayList<>(slowArrivedAt);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
