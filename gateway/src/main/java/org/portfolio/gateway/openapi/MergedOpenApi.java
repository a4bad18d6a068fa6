package org.portfolio.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.gateway.routing.FrontDoor;
import org.portfolio.gateway.routing.RouteTable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The merged OpenAPI document, built at run time from each service's live {@code /q/openapi} (so endpoints a
 * service adds appear without touching the gateway). Each service's document is cached for
 * {@code portfolio.gateway.openapi.cache-ttl}; when a service cannot be reached its last good document is used
 * (marked STALE), or, if there never was one, its paths are missing and the document says so
 * ({@code x-portfolio-sources}, status UNAVAILABLE). The merged result is kept and handed out again (the same
 * {@link Result}) while every service's document and the server URL are the ones it was built from: an anonymous
 * caller asking again and again costs no merge. Callers that find a service's copy old share one fetch of it, and
 * callers that arrive together share one merge: forty anonymous callers at once, after the copies aged, each fetched,
 * parsed and merged every document and ran the gateway out of memory (outside check of the twenty-second pass, H1).
 */
@ApplicationScoped
public class MergedOpenApi {

    /** The gateway's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    private static final Logger LOG = Logger.getLogger(MergedOpenApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The order in which services claim component names (the first keeps the plain name). */
    private static final List<String> SERVICE_ORDER = List.of("contracts", "autonomy", "performance", "enrollment");

    private static final Duration RETRY_FAILED = Duration.ofSeconds(2);

    public enum SourceState { UP, STALE, UNAVAILABLE }

    /** One service's document as last fetched. */
    record Cached(ObjectNode document, Instant fetchedAt, Instant checkedAt, String error) {
    }

    /** The merged document and what it is made of. */
    public record Result(ObjectNode document, Map<String, SourceState> sources) {
        public boolean complete() {
            return sources.values().stream().allMatch(s -> s == SourceState.UP);
        }
    }

    @Inject
    GatewayConfig config;

    @Inject
    OpenApiDocumentService ownDocument;

    @Inject
    FrontDoor frontDoor;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The fetch of each service's document under way, shared by every caller that needs it meanwhile. */
    private final Map<String, CompletableFuture<Cached>> fetching = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong fetches = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong merges = new java.util.concurrent.atomic.AtomicLong();
    /** Server URLs a merged result is kept for (the URL comes from the request's Host unless configured). */
    static final int MAX_KEPT_RESULTS = 8;
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    /** A merged result and the service documents (these very instances) it was built from. */
    private record Built(List<Cached> parts, Result result) {
        boolean from(List<Cached> now) {
            if (now.size() != parts.size()) {
                return false;
            }
            for (int i = 0; i < parts.size(); i++) {
                if (now.get(i) != parts.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** Blocking (fetches what is out of date, in parallel): call from a worker thread. */
    public Result build(String serverUrl) {
        RouteTable table = frontDoor.routeTable();
        List<String> services = new ArrayList<>(config.services().keySet());
        services.sort(Comparator.comparingInt((String s) -> SERVICE_ORDER.contains(s) ? SERVICE_ORDER.indexOf(s) : 99)
                .thenComparing(s -> s));
        Map<String, CompletableFuture<Cached>> pending = new java.util.LinkedHashMap<>();
        for (String s : services) {
            pending.put(s, fresh(s));
        }
        List<Cached> parts = new ArrayList<>();
        for (CompletableFuture<Cached> f : pending.values()) {
            parts.add(f.join());
        }
        // one merge at a time: callers that arrived together (and so hold the same documents) take the first one's
        synchronized (built) {
            Built kept = built.get(serverUrl);
            if (kept != null && kept.from(parts)) {
                return kept.result();
            }
            Result result = merge(serverUrl, table, pending);
            merges.incrementAndGet();
            if (built.size() >= MAX_KEPT_RESULTS && !built.containsKey(serverUrl)) {
                built.clear(); // many Host values: keep the newest only
            }
            built.put(serverUrl, new Built(parts, result));
            return result;
        }
    }

    /** Services' documents fetched, and merged documents built, since start. */
    public long fetches() {
        return fetches.get();
    }

    public long merges() {
        return merges.get();
    }

    /** Forgets every service's copy: the next caller fetches each again (tests; a copy otherwise ages out). */
    public void forgetCopies() {
        cache.clear();
    }

    private Result merge(String serverUrl, RouteTable table, Map<String, CompletableFuture<Cached>> pending) {
        List<OpenApiMerger.Source> sources = new ArrayList<>();
        List<ObjectNode> status = new ArrayList<>();
        Map<String, SourceState> states = new java.util.LinkedHashMap<>();
        sources.add(new OpenApiMerger.Source("gateway", own(), path -> table.route(path) == null && !path.startsWith("/q/")
                && !path.equals("/openapi"), false));
        states.put("gateway", SourceState.UP);
        status.add(JsonNodeFactory.instance.objectNode().put("service", "gateway").put("status", "UP"));
        for (Map.Entry<String, CompletableFuture<Cached>> e : pending.entrySet()) {
            String service = e.getKey();
            Cached c = e.getValue().join();
            SourceState state = c.document() == null ? SourceState.UNAVAILABLE : c.error() == null ? SourceState.UP : SourceState.STALE;
            states.put(service, state);
            ObjectNode st = JsonNodeFactory.instance.objectNode().put("service", service + "-service").put("status", state.name());
            if (c.fetchedAt() != null) {
                st.put("fetchedAt", c.fetchedAt().toString());
            }
            if (c.error() != null) {
                st.put("error", c.error());
            }
            status.add(st);
            if (c.document() != null) {
                Predicate<String> owns = path -> {
                    RouteTable.Route r = table.route(path);
                    return r != null && r.service().equals(service);
                };
                sources.add(new OpenApiMerger.Source(service, c.document(), owns, true));
            }
        }
        StringBuilder description = new StringBuilder("Every Portfolio service's API through the gateway, the one public entry. "
                + "Get a token with POST /oauth/token (OAuth2 client credentials, HTTP Basic), then send it as "
                + "Authorization: Bearer. Every error is application/problem+json (RFC 9457), except the token "
                + "endpoint's, which follow RFC 6749 §5.2. The request examples tell a story as of 2026-12-01 (school "
                + "year 2026-27): their ids are placeholders for yours, and a date they show may since have passed "
                + "(move it on by the school years since).");
        List<String> missing = states.entrySet().stream().filter(x -> x.getValue() != SourceState.UP)
                .map(x -> x.getKey() + "-service (" + x.getValue().name().toLowerCase() + ")").toList();
        if (!missing.isEmpty()) {
            description.append("\n\n**Incomplete:** ").append(String.join(", ", missing))
                    .append(" could not be read just now; see x-portfolio-sources.");
        }
        ObjectNode merged = OpenApiMerger.merge(sources, new OpenApiMerger.Settings("Portfolio API", "1.0.0",
                description.toString(), serverUrl, status));
        return new Result(merged, states);
    }

    /** The gateway's own document (the token endpoint declares its HTTP Basic client authentication itself). */
    private ObjectNode own() {
        try {
            return (ObjectNode) JSON.readTree(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
        } catch (IOException e) {
            throw new IllegalStateException("the gateway's own OpenAPI document cannot be read", e);
        }
    }

    /** The cached document while it is young enough, else a new fetch (which falls back to the cached one). */
    private CompletableFuture<Cached> fresh(String service) {
        Cached c = cache.get(service);
        Instant now = clock.instant();
        // a service that failed is asked again soon: it may just be starting
        Duration ttl = c != null && c.error() != null ? RETRY_FAILED.compareTo(config.openApi().cacheTtl()) < 0
                ? RETRY_FAILED : config.openApi().cacheTtl() : config.openApi().cacheTtl();
        if (c != null && c.checkedAt().plus(ttl).isAfter(now)) {
            return CompletableFuture.completedFuture(c);
        }
        CompletableFuture<Cached> mine = new CompletableFuture<>();
        CompletableFuture<Cached> running = fetching.putIfAbsent(service, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<Cached> started;
        try {
            started = fetch(service, c, now);
        } catch (RuntimeException e) {
            // a fetch that could not even start must not leave its callers, and every later one, waiting for ever
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((result, error) -> {
            fetching.remove(service, mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(result);
            }
        });
        return mine;
    }

    /** Fetches a service's document (on failure: the copy {@code c}, marked with the failure). */
    private CompletableFuture<Cached> fetch(String service, Cached c, Instant now) {
        fetches.incrementAndGet();
        URI base = config.services().get(service);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .timeout(config.openApi().fetchTimeout()).header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            String problem;
            if (error != null) {
                problem = error.getCause() != null ? error.getCause().toString() : error.toString();
            } else if (response.statusCode() != 200) {
                problem = "HTTP " + response.statusCode();
            } else {
                try {
                    ObjectNode doc = (ObjectNode) JSON.readTree(response.body());
                    Cached fresh = new Cached(doc, now, now, null);
                    cache.put(service, fresh);
                    return fresh;
                } catch (IOException | ClassCastException e) {
                    problem = "not an OpenAPI JSON document";
                }
            }
            LOG.warnf("OpenAPI of %s-service unavailable (%s)%s", service, problem, c != null && c.document() != null
                    ? "; using the copy of " + c.fetchedAt() : "");
            Cached failed = new Cached(c == null ? null : c.document(), c == null ? null : c.fetchedAt(), now, problem);
            cache.put(service, failed);
            return failed;
        });
    }
}
