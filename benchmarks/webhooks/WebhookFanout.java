import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.HdrHistogram.Histogram;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load program of benchmarks/webhooks/run.sh: EVENTS events fanned out to SUBSCRIPTIONS webhook subscriptions at a
 * steady RATE events/s, one endpoint dead throughout (it accepts connections and never answers). Everything through
 * the gateway with the bootstrap administrator's token.
 *
 * <p>Warm-up first (not recorded): WARMUP events (default 1,500; 0 skips it) of their own schools ("Warm-up school"),
 * through the same subscriptions at the same rate, waited for until every healthy endpoint has them all (at most
 * WARMUP_DRAIN s). Then the measured part: SCHOOLS schools registered (SchoolRegistered), then updates of their names
 * round-robin (SchoolUpdated, the name carries a counter), EVENTS in all, one due every 1/RATE s (open loop); its
 * start (the instant before the first school is registered) is written to HOME/measured-from for the database split.
 * Receivers (one HTTP server each) check every signature with the {@code standardwebhooks} library (Standard Webhooks,
 * HMAC-SHA256), answer 204, and record the delivery latency: received − the event's CloudEvents time (set in the
 * transaction that commits the change, just before the commit), the order of each school's updates, and any
 * webhook-id acknowledged twice.
 */
public class WebhookFanout {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();

    static String gateway;
    static String token;

    /** One healthy endpoint's record. */
    static final class Endpoint {
        final String secret;
        final Histogram latency = new Histogram(3_600_000L, 3);
        final Map<String, Boolean> ids = new ConcurrentHashMap<>();
        final Map<String, Boolean> warmIds = new ConcurrentHashMap<>();
        final Map<String, Integer> lastCounter = new ConcurrentHashMap<>();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong badSignatures = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();

        Endpoint(String secret) {
            this.secret = secret;
        }
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    static void run(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        gateway = a.get("gateway");
        Path home = Path.of(a.get("home"));
        int events = Integer.parseInt(a.getOrDefault("events", "10000"));
        int subscriptions = Integer.parseInt(a.getOrDefault("subscriptions", "20"));
        double rate = Double.parseDouble(a.getOrDefault("rate", "50"));
        int schools = Integer.parseInt(a.getOrDefault("schools", "200"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "1500"));
        int warmupDrain = Integer.parseInt(a.getOrDefault("warmup-drain", "300"));
        token = adminToken(home);

        // the dead endpoint: accepts connections, never answers
        ServerSocket dead = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!dead.isClosed()) {
                try {
                    held.add(dead.accept());
                } catch (Exception e) {
                    return;
                }
            }
        }, "dead-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        String deadSub = register("http://127.0.0.1:" + dead.getLocalPort() + "/dead").get("id").asText();

        List<Endpoint> healthy = new ArrayList<>();
        List<HttpServer> servers = new ArrayList<>();
        for (int i = 1; i < subscriptions; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            server.setExecutor(Executors.newFixedThreadPool(4));
            Endpoint[] self = new Endpoint[1];
            server.createContext("/hook", x -> {
                Instant now = Instant.now();
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Endpoint e = self[0];
                String id = x.getRequestHeaders().getFirst("webhook-id");
                if (e == null || !verify(e.secret, x.getRequestHeaders(), body)) {
                    if (e != null) {
                        e.badSignatures.incrementAndGet();
                    }
                    x.sendResponseHeaders(400, -1);
                    x.close();
                    return;
                }
                // recorded before it is acknowledged: the school's next event, which the dispatcher sends only after
                // this answer, may arrive on another connection, and must not be recorded first
                JsonNode ce = JSON.readTree(body);
                if (ce.path("data").path("name").asText("").startsWith(WARM)) {
                    // the warm-up's: counted (to wait for them), not recorded
                    e.warmIds.putIfAbsent(id, Boolean.TRUE);
                    x.sendResponseHeaders(204, -1);
                    x.close();
                    return;
                }
                if (e.ids.putIfAbsent(id, Boolean.TRUE) != null) {
                    e.duplicates.incrementAndGet();
                    x.sendResponseHeaders(204, -1);
                    x.close();
                    return;
                }
                long ms = Math.max(0, Duration.between(Instant.parse(ce.get("time").asText()), now).toMillis());
                synchronized (e.latency) {
                    e.latency.recordValue(Math.min(ms, 3_600_000L));
                }
                String name = ce.path("data").path("name").asText("");
                int counter = name.contains(" v") ? Integer.parseInt(name.substring(name.lastIndexOf(" v") + 2)) : 0;
                Integer before = e.lastCounter.put(ce.path("subject").asText(), counter);
                if (before != null && before > counter) {
                    e.outOfOrder.incrementAndGet();
                }
                x.sendResponseHeaders(204, -1);
                x.close();
            });
            server.start();
            JsonNode sub = register("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            self[0] = new Endpoint(sub.get("secret").asText());
            healthy.add(self[0]);
            servers.add(server);
        }
        System.out.printf("%d subscriptions registered (one dead: %s)%n", subscriptions, deadSub);

        String body = post("/api/oversight-bodies", Map.of("name", "Bench board " + UUID.randomUUID(), "kind", "SCHOOL_BOARD"))
                .get("id").asText();
        String run = UUID.randomUUID().toString().substring(0, 6);
        if (warmup > 0) {
            // the warm-up: the same load through the same subscriptions, its own schools, waited for, not recorded
            int warmSchools = Math.max(1, Math.min(schools, warmup / 5));
            Instant warmStart = Instant.now();
            System.out.printf("%s warm-up: %d events (%d schools) at %.0f/s%n", warmStart, warmup, warmSchools, rate);
            long warmFailures = load(body, "w" + run, WARM, warmSchools, warmup, rate);
            long warmExpected = warmup - warmFailures;
            Instant warmDeadline = Instant.now().plusSeconds(warmupDrain);
            while (Instant.now().isBefore(warmDeadline) && healthy.stream().anyMatch(e -> e.warmIds.size() < warmExpected)) {
                Thread.sleep(200);
            }
            long warmMissing = healthy.stream().mapToLong(e -> Math.max(0, warmExpected - e.warmIds.size())).sum();
            System.out.printf("%s warm-up done in %.1f s: %d requests failed, %d deliveries missing after the wait%n",
                    Instant.now(), Duration.between(warmStart, Instant.now()).toMillis() / 1e3, warmFailures, warmMissing);
        }
        Instant measuredFrom = Instant.now();
        Files.writeString(home.resolve("measured-from"), measuredFrom.toString());
        System.out.printf("%s measured part starts%n", measuredFrom);
        long failureCount = load(body, run, "Bench school", schools, events, rate);
        Files.writeString(home.resolve("measured-sent"), Instant.now().toString());
        // drain: every healthy endpoint has every event
        long expected = events - failureCount;
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline) && healthy.stream().anyMatch(e -> e.ids.size() < expected)) {
            Thread.sleep(200);
        }
        System.out.printf("%s measured part drained (or the 120 s wait ended)%n", Instant.now());
        Histogram all = new Histogram(3_600_000L, 3);
        long missing = 0;
        long duplicates = 0;
        long bad = 0;
        long disorder = 0;
        for (Endpoint e : healthy) {
            all.add(e.latency);
            missing += Math.max(0, expected - e.ids.size());
            duplicates += e.duplicates.get();
            bad += e.badSignatures.get();
            disorder += e.outOfOrder.get();
        }
        JsonNode deadState = get("/api/webhooks/" + deadSub);
        JsonNode deadLog = get("/api/webhooks/" + deadSub + "/deliveries?size=1");
        System.out.println();
        System.out.printf("RESULT warm-up=%d events (not recorded) events=%d subscriptions=%d (1 dead) rate=%.0f/s deliveries=%d%n",
                warmup, events, subscriptions, rate, all.getTotalCount());
        System.out.printf("RESULT delivery latency after commit: p50=%d ms p95=%d ms p99=%d ms max=%d ms%n",
                all.getValueAtPercentile(50), all.getValueAtPercentile(95), all.getValueAtPercentile(99), all.getMaxValue());
        System.out.printf("RESULT missing=%d duplicates(acknowledged twice)=%d bad-signatures=%d out-of-order=%d%n",
                missing, duplicates, bad, disorder);
        System.out.printf("RESULT dead endpoint: status=%s deliveries queued=%d, connections it accepted=%d%n",
                deadState.path("status").asText(), deadLog.path("total").asLong(), held.size());
        System.out.printf("RESULT p95 <= 1000 ms: %s%n", all.getValueAtPercentile(95) <= 1000 ? "yes" : "NO");
        servers.forEach(s -> s.stop(0));
        dead.close();
        System.exit(missing == 0 && duplicates == 0 && bad == 0 && disorder == 0 ? 0 : 1);
    }

    static final String WARM = "Warm-up school";

    /**
     * Registers {@code schools} schools one after the other (SchoolRegistered), then updates their names round-robin
     * (SchoolUpdated), {@code events} events in all, one due every 1/rate s (open loop); returns the failed requests.
     */
    static long load(String body, String run, String prefix, int schools, int events, double rate) throws Exception {
        AtomicLong failures = new AtomicLong();
        Map<Integer, String> schoolIds = new ConcurrentHashMap<>();
        for (int s = 0; s < schools; s++) {
            schoolIds.put(s, post("/api/schools", school(body, run, prefix, s, 0)).get("id").asText());
        }
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        for (int n = schools; n < events; n++) {
            long due = start + (n - schools) * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int s = n % schools;
            String id = schoolIds.get(s);
            int version = n / schools;
            HTTP.sendAsync(json("PUT", "/api/schools/" + id, school(body, run, prefix, s, version)), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                            if (failures.get() < 5) {
                                System.out.println("update failed: " + r.statusCode() + " " + r.body());
                            }
                        }
                    }).exceptionally(e -> {
                        failures.incrementAndGet();
                        return null;
                    });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // the answers of the last requests
        Thread.sleep(2000);
        System.out.printf("%s %d schools registered, then %d updates sent in %.1f s (%.1f/s), %d requests failed%n", Instant.now(),
                schools, events - schools, seconds, (events - schools) / seconds, failures.get());
        return failures.get();
    }

    static Map<String, Object> school(String body, String run, String prefix, int s, int version) {
        return Map.of("districtCode", "WB-" + run + "-" + s, "name", prefix + " " + s + " v" + version, "type", "DISTRICT",
                "grades", List.of("9", "10"), "oversightBodyId", body);
    }

    /** Verifies with the standardwebhooks library (an implementation not written for this project). */
    static boolean verify(String secret, Map<String, List<String>> requestHeaders, String body) {
        Map<String, List<String>> headers = new HashMap<>();
        requestHeaders.forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        try {
            new Webhook(secret).verify(body, headers);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static JsonNode register(String url) throws Exception {
        return post("/api/webhooks", Map.of("url", url, "eventTypes",
                List.of("portfolio.contracts.SchoolRegistered.v1", "portfolio.contracts.SchoolUpdated.v1"), "description", "benchmark"));
    }

    static HttpRequest json(String method, String path, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> r = HTTP.send(json("POST", path, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    static String adminToken(Path home) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("keys/bootstrap-admin.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String basic = Base64.getEncoder().encodeToString((env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_ID") + ":"
                + env.get("PORTFOLIO_GATEWAY_BOOTSTRAP_CLIENT_SECRET")).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("access_token").asText();
    }
}
