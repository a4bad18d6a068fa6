package org.portfolio.gateway.routing;

import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.gateway.security.TokenVerifier;
import org.portfolio.platform.web.problem.ProblemType;

/**
 * The one front door. Every request passes here first (the gateway's management paths, {@code /q/...}, only for the
 * framing checks, the rate limit of calls without a token and {@link ManagementPaths}' allow-list),
 * on the event loop, with no database access: correlation ids, the body size limit, the bearer token (verified
 * against the gateway's keys; a bad token is always 401, a missing one is 401 except on public routes), the
 * school scope of SCHOOL_LEADER and SIS callers, the rate limit, and for a service route the limit of requests in
 * flight per client (per address without a token). Then a service route is proxied and
 * anything else (tokens, JWKS, admin, merged OpenAPI) goes on to the gateway's own resources, which check roles
 * again with SmallRye JWT.
 */
@ApplicationScoped
public class FrontDoor {

    static final String REQUEST_ID = "X-Request-Id";
    /** After Quarkus's CORS filter (-300), before its authentication (-200) and upload limit (-2) filters. */
    static final int ORDER = -250;
    /** Micrometer's uri tag for proxied requests (one per route, not per path: ids would explode the metrics). */
    private static final String URL_TEMPLATE = "UrlPathTemplate";
    private static final String TOKEN_ENDPOINT = "/oauth/token";
    /** Micrometer's uri tag for a request the front door refused before it reached a route or a resource of its own. */
    static final String REFUSED_TEMPLATE = "/{refused-at-the-edge}";

    @Inject
    GatewayConfig config;

    @Inject
    TokenVerifier verifier;

    @Inject
    UpstreamProxy proxy;

    private RouteTable table;
    private AccessRules rules;
    private RateLimiter limiter;
    private CallerAddress callers;
    private ManagementPaths management;

    /** Quarkus's own body limit: a backstop above the gateway's own resources' limit (its 413 is bare). */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    io.quarkus.runtime.configuration.MemorySize serverBodyLimit;

    void install(@Observes Router router) {
        if (config.limits().ownMaxBodySize().asLongValue() >= serverBodyLimit.asLongValue()) {
            // a body between the two would meet Quarkus's bare 413 (ninth pass review): refuse to start instead
            throw new IllegalStateException("portfolio.gateway.limits.own-max-body-size (" + config.limits().ownMaxBodySize()
                    .asLongValue() + " bytes) must be below quarkus.http.limits.max-body-size (" + serverBodyLimit.asLongValue()
                    + " bytes): raise the latter with it");
        }
        table = new RouteTable(config);
        rules = new AccessRules(config);
        limiter = new RateLimiter(config.rateLimit());
        callers = new CallerAddress(config.rateLimit().trustedProxies().orElse(java.util.List.of()));
        management = new ManagementPaths(config.management().networks());
        router.route().order(ORDER).handler(this::handle);
    }

    public RouteTable routeTable() {
        return table;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        SecurityHeaders.onAnswer(ctx);
        String framing = framingProblem(req);
        String path;
        try {
            path = ctx.normalizedPath();
        } catch (IllegalArgumentException e) {
            // a bad percent-escape ("%zz", a trailing "%"): the request names no path (review of 2026-12-05: 500)
            path = null;
            framing = framing != null ? framing : "The request path has an invalid percent-escape";
        }
        if (framing != null) {
            Correlation corr = Correlation.of(req.getHeader(REQUEST_ID), req.getHeader("traceparent"));
            problem(ctx, ProblemType.BAD_REQUEST, framing, path == null ? "/" : path, corr, true);
            return;
        }
        Correlation corr = Correlation.of(req.getHeader(REQUEST_ID), req.getHeader("traceparent"));
        RouteTable.Route proxied = table.route(path);
        if (proxied != null) {
            // tagged with its route from here on, refused or not (nineteenth pass: a request refused before the route
            // was tagged kept its raw path, ids and all, so a hundred 401s for random ids filled Micrometer's 100 uri tags
            // and the metrics of every route not yet seen were denied from then on)
            ContextLocals.put(URL_TEMPLATE, proxied.metricsTemplate());
        }
        if (req.uri() != null && req.uri().length() > config.limits().maxTargetLength()) {
            problem(ctx, ProblemType.URI_TOO_LONG, "The request target (path and query) is longer than "
                    + config.limits().maxTargetLength() + " characters", path, corr, hasBody(req));
            return;
        }
        long headerBytes = headerBytes(req);
        if (headerBytes > config.limits().maxHeaderSize().asLongValue()) {
            problem(ctx, ProblemType.HEADERS_TOO_LARGE, "The request's header fields (" + size(headerBytes) + ") exceed "
                    + size(config.limits().maxHeaderSize().asLongValue()), path, corr, hasBody(req));
            return;
        }
        if (path.equals("/q") || path.startsWith("/q/")) {
            // health, metrics and Swagger UI: no token, but the address's bucket like any call without one (a flood of
            // readiness checks, each a database query, was unlimited)
            // except the machine's own health checks (./portfolio, compose's healthcheck in the container): loopback, no
            // proxy in between — a local caller draining the address's bucket must not make the gateway look down
            java.net.InetAddress socket = CallerAddress.socket(req);
            boolean ownHealthCheck = path.startsWith("/q/health") && socket != null && socket.isLoopbackAddress()
                    && req.getHeader("X-Forwarded-For") == null;
            long wait = ownHealthCheck ? 0 : limiter.acquireForAddress(callers.of(req));
            if (wait > 0) {
                long seconds = Math.max(1, (wait + 999) / 1000);
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problem(ctx, ProblemType.RATE_LIMITED, "This address is over its rate limit; retry after " + seconds + " s",
                        path, corr, hasBody(req));
                return;
            }
            if (!management.mayRead(path, req)) {
                // metrics and the like: the deployment's own network only (review of 2026-12-05: open to anyone)
                problem(ctx, ProblemType.NOT_FOUND, "Nothing is served at " + path, path, corr, hasBody(req));
                return;
            }
            ctx.next();
            return;
        }
        RouteTable.Route route = table.route(path);
        if (route == null) {
            // the gateway's own resources log and answer with the same id
            req.headers().set(REQUEST_ID, corr.requestId());
        }
        RouteTable.Policy policy = table.policy(path);
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long n = parseLength(length);
            if (n < 0) {
                problem(ctx, ProblemType.BAD_REQUEST, "Content-Length is not a number", path, corr, true);
                return;
            }
            // the gateway's own resources also have Quarkus's limit, which answers a bare 413 (sixth pass, L4): refused
            // here first, as problem+json, when the body states its length
            long limit = route == null ? ownBodyLimit(path) : policy.maxBodySize();
            if (n > limit) {
                problem(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body (" + size(n) + ") exceeds " + size(limit)
                        + ", the limit of " + path, path, corr, true);
                return;
            }
        }
        String[] segments = PathPattern.segments(path);
        // the token endpoint authenticates clients itself (HTTP Basic) and answers in RFC 6749's format
        boolean tokenEndpoint = path.equals(TOKEN_ENDPOINT) || path.equals(RouteTable.EDFI_TOKEN);
        boolean isPublic = tokenEndpoint || rules.isPublic(req.method().name(), segments);
        TokenVerifier.VerifiedToken caller = null;
        String auth = req.getHeader(HttpHeaders.AUTHORIZATION);
        String address = callers.of(req);
        if (auth != null && auth.length() > 7 && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !tokenEndpoint) {
            String token = auth.substring(7).trim();
            // an address over its limit of invalid tokens gets no new token verified (a known one costs no signature check)
            long blocked = limiter.failedTokensWait(address);
            if (blocked > 0 && !verifier.isKnown(token)) {
                long seconds = Math.max(1, (blocked + 999) / 1000);
                ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problem(ctx, ProblemType.RATE_LIMITED, "This address sent too many invalid bearer tokens; retry after "
                        + seconds + " s", path, corr, hasBody(req));
                return;
            }
            try {
                caller = verifier.verify(token);
            } catch (TokenVerifier.InvalidTokenException e) {
                limiter.chargeFailedToken(address);
                ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                problem(ctx, ProblemType.UNAUTHORIZED, "The bearer token is not valid: " + e.getMessage(), path, corr, hasBody(req));
                return;
            }
        } else if (!isPublic) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            problem(ctx, ProblemType.UNAUTHORIZED, "A valid bearer token is required (POST /oauth/token)", path, corr, hasBody(req));
            return;
        }
        if (caller != null && !isPublic && AccessRules.schoolScopedOnly(caller.roles(), oversightScoped(caller))) {
            String school = rules.schoolOf(segments);
            if (school != null && !verifier.scopeOf(caller).covers(school)) {
                problem(ctx, ProblemType.FORBIDDEN, "Your client is not scoped to school " + school, path, corr, hasBody(req));
                return;
            }
        }
        long waitMs = caller != null ? limiter.acquireForClient(caller.subject())
                : limiter.acquireForAddress(address);
        long refusedFor = waitMs > 0 ? Math.max(1, (waitMs + 999) / 1000) : 0;
        if (caller != null) {
            announce(ctx, limiter, caller.subject(), refusedFor);
        }
        if (waitMs > 0) {
            long seconds = refusedFor;
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problem(ctx, ProblemType.RATE_LIMITED, (caller != null ? "Client " + caller.subject() : "This address")
                    + " is over its rate limit; retry after " + seconds + " s", path, corr, hasBody(req));
            return;
        }
        if (route == null) {
            if (hasBody(req) && !req.isEnded()) {
                // an anonymous body of a stated length (a token request: 16 KB at most) is read whole before a worker
                // thread is taken, so it takes no in-flight place: 64 trickled token requests from one address (every
                // caller behind an untrusted proxy) would otherwise have made every token request 429 (review of this
                // change); it is still bound in time
                boolean needsPlace = caller != null || req.getHeader(HttpHeaders.CONTENT_LENGTH) == null;
                RateLimiter.Slot own = !needsPlace ? () -> { }
                        : caller != null ? limiter.enterForClient(caller.subject()) : limiter.enterForAddress(address);
                if (own == null) {
                    ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
                    problem(ctx, ProblemType.RATE_LIMITED, (caller != null ? "Client " + caller.subject() : "This address")
                            + " has too many requests in flight, the most it may; retry when one has ended", path, corr, true);
                    return;
                }
                OwnBodies.guard(ctx, config.upstream().bodyStallTimeout(), own, path, corr);
            }
            ctx.next();
            return;
        }
        ContextLocals.put(URL_TEMPLATE, route.metricsTemplate()); // before the slot: nothing between it and the try may throw
        RateLimiter.Slot slot = caller != null ? limiter.enterForClient(caller.subject()) : limiter.enterForAddress(address);
        if (slot == null) {
            // one ends soon or never: a client that holds this many waits for one of its own to end
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            problem(ctx, ProblemType.RATE_LIMITED, (caller != null ? "Client " + caller.subject() : "This address")
                    + " has " + (caller != null ? config.rateLimit().client() : config.rateLimit().anonymous()).maxInFlight()
                    + " requests in flight, the most it may; retry when one has ended", path, corr, hasBody(req));
            return;
        }
        try {
            proxy.forward(ctx, route, policy, corr, path, slot, caller != null ? "c:" + caller.subject() : "a:" + address);
        } catch (RuntimeException | Error e) {
            slot.release();
            throw e;
        }
    }

    /**
     * The client's rate limit on its answer, whoever writes it, as the bucket is when the answer's headers are written
     * (draft-ietf-httpapi-ratelimit-headers-10): an integrator paces a bulk load by {@code RateLimit} instead of meeting
     * 429s. Only to a client, about its own bucket: an address's bucket is shared by every caller behind one proxy
     * (security.md T12), whose traffic it would show to each of them (review of the thirteenth pass).
     */
    private static void announce(RoutingContext ctx, RateLimiter limiter, String subject, long refusedFor) {
        ctx.addHeadersEndHandler(v -> {
            RateLimiter.Quota quota = limiter.clientQuota(subject);
            if (quota != null && refusedFor > 0) {
                quota = quota.refused(refusedFor);
            }
            if (quota != null) {
                ctx.response().headers().set(RATE_LIMIT_POLICY, quota.policyField());
                ctx.response().headers().set(RATE_LIMIT, quota.field());
            }
        });
    }

    static final String RATE_LIMIT_POLICY = "RateLimit-Policy";
    static final String RATE_LIMIT = "RateLimit";

    /** The per-client limits, for tests: the requests in flight of a client or an address. */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Why a request's framing cannot be forwarded as it is, or null (review of 2026-12-05; RFC 9112 §6.1, §3.2):
     * Transfer-Encoding beside Content-Length, or on HTTP/1.0 — Netty keeps the Content-Length of an HTTP/1.0 request
     * and still reads the body chunked, so the service would read the rest of the body as a request of its own on the
     * pooled connection, past every check here; a {@code Connection} header naming a header that frames or targets the
     * message (the proxy drops what it names). A missing or odd Host is no reason (HTTP/1.0 needs none, a load
     * balancer's health check sends none): the proxy then names the gateway's own address to the service.
     */
    static String framingProblem(HttpServerRequest req) {
        String te = req.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (te != null && (req.getHeader(HttpHeaders.CONTENT_LENGTH) != null || req.version() == HttpVersion.HTTP_1_0)) {
            return "Transfer-Encoding is not accepted beside Content-Length or on HTTP/1.0";
        }
        if (req.headers().getAll(HttpHeaders.CONTENT_LENGTH).size() > 1) {
            return "More than one Content-Length";
        }
        String connection = req.getHeader(HttpHeaders.CONNECTION);
        if (connection != null) {
            for (String token : connection.split(",")) {
                String t = token.trim().toLowerCase(java.util.Locale.ROOT);
                if (t.equals("content-length") || t.equals("transfer-encoding") || t.equals("host")) {
                    return "The Connection header may not name " + t;
                }
            }
        }
        return null;
    }

    /** The header fields' size as HTTP/1.1 sends them ({@code name: value\r\n}). */
    static long headerBytes(HttpServerRequest req) {
        long n = 0;
        for (java.util.Map.Entry<String, String> h : req.headers()) {
            n += h.getKey().length() + h.getValue().length() + 4;
        }
        return n;
    }

    /**
     * An authorizer's OVERSIGHT (its client names oversight bodies) or a token narrowed to some schools acts for
     * those schools only; the district's own oversight office, or a client this replica does not know yet (the
     * services refuse it), is not walled here.
     */
    private boolean oversightScoped(TokenVerifier.VerifiedToken caller) {
        return caller.roles().contains("OVERSIGHT")
                && ((caller.schools() != null && !caller.schools().isEmpty())
                    || !verifier.scopeOf(caller).oversightBodies().isEmpty());
    }

    /** Answers before the body was read: the connection is closed after the answer, so the unread body cannot linger. */
    private static void problem(RoutingContext ctx, ProblemType type, String detail, String path, Correlation corr, boolean unreadBody) {
        if (ContextLocals.get(URL_TEMPLATE).isEmpty()) {
            // refused before any route or resource: one tag for all of them, never the path a caller chose
            ContextLocals.put(URL_TEMPLATE, REFUSED_TEMPLATE);
        }
        if (unreadBody) {
            closeAfterAnswer(ctx);
        }
        EdgeProblems.send(ctx.response(), type, detail, path, corr.requestId());
    }

    /**
     * The body limit of one of the gateway's own resources: its route's (the token endpoints' 16 KB), at most 1 MB. The
     * path without matrix parameters, as RESTEasy routes it: {@code /oauth/token;a=b} reaches the token endpoint and had
     * the default limit (ninth pass review).
     */
    long ownBodyLimit(String path) {
        String routed = path.indexOf(';') < 0 ? path : path.replaceAll(";[^/]*", "");
        return Math.min(table.policy(routed).maxBodySize(), config.limits().ownMaxBodySize().asLongValue());
    }

    /**
     * An answer given before the whole body was read ends the exchange. HTTP/1.1: the unread rest of the body must not
     * be taken for the next request, so the connection is closed after the answer. HTTP/2 forbids Connection headers,
     * and the stream is left to the client: resetting it (NO_ERROR, RFC 9113 §8.1) once the answer was out was tried in
     * the tenth pass (R8) and taken back — with it, the system tests' bad-input sweep, whose java.net.http client
     * upgrades to h2c, saw requests go unanswered until their 60 s timeout. (The "Stream reset: 0" ERRORs seen then were
     * not this reset's alone: every early end of a request to a service logged one, since that request had no exception
     * handler — UpstreamProxy gives it one now, sixteenth pass.)
     */
    static void closeAfterAnswer(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.version() != HttpVersion.HTTP_2) {
            req.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }

    /**
     * HTTP/1.1 announces a body by Content-Length or Transfer-Encoding; an HTTP/2 stream (h2c) may carry one of
     * unknown length, which only the stream's end tells.
     */
    static boolean hasBody(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        if (req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            return true;
        }
        return req.version() == HttpVersion.HTTP_2 && !req.isEnded();
    }

    private static long parseLength(String s) {
        try {
            long n = Long.parseLong(s.trim());
            return n < 0 ? -1 : n;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20) {
            return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
