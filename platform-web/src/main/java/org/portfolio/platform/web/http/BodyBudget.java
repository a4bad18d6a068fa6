package org.portfolio.platform.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.portfolio.platform.web.correlation.RequestCorrelation;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies a service reads at once. Jackson's parse of a JSON body costs several times the
 * body (a 10 MB body cost enrollment-service about 95 MB): sixteen 10 MB bodies sent together ran contracts-service and
 * autonomy-service out of their 256 MB heaps, two were enough for enrollment-service (crowd check, twenty-second pass,
 * H2). The bytes a request's body has delivered to its reader count against the budget as they are read
 * ({@link BodyBudgetReader}), and are given back when the answer ends or the connection closes. A body that states a
 * length that does not fit beside the bytes being read is answered 503 problem+json with Retry-After before a byte of it
 * is read, its connection closed; one whose bytes stop fitting while it is read is answered the same then. A body
 * being read alone always fits (the body limit, 413, bounds it), and the one that has read the most goes on up to a
 * quarter past the budget. Bodies stating a length under {@code free-below} (every
 * ordinary request) are not counted; one of unknown length (chunked, an HTTP/2 stream) is, from its first byte. Counting
 * what has arrived rather than what is announced (the first version reserved the stated length, or the whole body
 * limit for an unknown one, up front): a client trickling a large body holds what it has sent, not the whole budget
 * for days, and a small chunked body does not wait for a large one (hostile read of the twenty-third pass, M2, M3).
 * Slow bodies give way to one that does not fit ({@link SlowBodies}).
 * Paths under {@code exempt-paths} stream their bodies and bound them themselves (performance-service's uploads).
 */
@ApplicationScoped
public class BodyBudget {

    private static final Logger LOG = Logger.getLogger(BodyBudget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int RETRY_AFTER_SECONDS = 1;
    private static final java.util.regex.Pattern MATRIX = java.util.regex.Pattern.compile(";[^/]*");
    static final long SWEEP_MILLIS = 1000;
    /** How long after its 503 a body that gave way keeps its connection (the answer goes out first). */
    static final long CLOSE_AFTER_MILLIS = 200;
    /** Where a request's {@link Counter} is kept in its routing context. */
    static final String KEY = "portfolio.body-budget";
    static final String DETAIL = "The service is reading as many request bodies as it takes at once; send the request"
            + " again after Retry-After";

    /** Bytes of bodies a service reads at once; 0 turns the budget off. Unset: a twentieth of the heap. */
    @ConfigProperty(name = "portfolio.http.body-budget.bytes")
    Optional<MemorySize> configuredBudget;

    @ConfigProperty(name = "portfolio.http.body-budget.free-below", defaultValue = "64K")
    MemorySize freeBelow;

    /**
     * The largest body the service reads (its own body limit): a body stating more is left to the limit's 413,
     * uncounted. Unset: the server's body limit.
     */
    @ConfigProperty(name = "portfolio.http.body-budget.largest-body")
    Optional<MemorySize> largestBody;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize serverBodyLimit;

    @ConfigProperty(name = "portfolio.http.body-budget.exempt-paths")
    Optional<List<String>> exemptPaths;

    /**
     * Bytes per second, on average since its first byte, under which a body gives its place to one that does not fit
     * (after {@code grace}; so does one silent for {@code grace}). 0 turns giving way off.
     */
    @ConfigProperty(name = "portfolio.http.body-budget.min-rate", defaultValue = "64K")
    MemorySize minRate;

    @ConfigProperty(name = "portfolio.http.body-budget.grace", defaultValue = "5S")
    Duration grace;

    private final AtomicLong reading = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    /** The bodies counted now, each with its answer: the sweep gives back those whose answer ended unnoticed. */
    private final Set<Counter> held = ConcurrentHashMap.newKeySet();
    private long budget;
    private Vertx vertx;
    private long sweeper;
    private SlowBodies slowBodies;

    void install(@Observes Router router, Vertx vertx) {
        budget = configuredBudget.map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 20);
        if (budget <= 0) {
            return;
        }
        // after the routes that only look at headers (order MIN_VALUE), before RESTEasy starts reading the body. The
        // same order as Quarkus's own body handler, which no extension of the services installs (it would read the body
        // before RESTEasy, and this route would have to come first)
        router.route().order(Integer.MIN_VALUE + 1).handler(this::admit);
        this.vertx = vertx;
        slowBodies = new SlowBodies(minRate.asLongValue(), grace, vertx);
        sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    /** Dev mode keeps its Vert.x across reloads: the old sweep stops with the old bean. */
    @jakarta.annotation.PreDestroy
    void stopSweeping() {
        if (vertx != null) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** The budget in bytes (0: off). */
    public long budget() {
        return budget;
    }

    /** Bytes of bodies counted now: read by requests whose answer has not ended. */
    public long reading() {
        return reading.get();
    }

    void admit(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        long stated = statedLength(req);
        boolean counted = stated >= freeBelow.asLongValue() || (stated < 0 && unknownLengthBody(req));
        if (!counted || stated > largest() || exempt(ctx.normalizedPath())) {
            // no body or a small one; or one the body limit refuses (413) before it is read; or streamed and bounded elsewhere
            ctx.next();
            return;
        }
        // a stated length that does not fit is refused unread, unless slow bodies would give way to it: then its first
        // read (by then authenticated) asks them to (a header block alone, before authentication, never does)
        if (stated > 0 && !fits(stated, 0) && stated > budget - reading.get() + slowBodies.bytes(held, System.nanoTime())) {
            refuse(ctx, stated);
            return;
        }
        Counter c = new Counter(ctx, stated);
        held.add(c);
        ctx.put(KEY, c);
        ctx.addEndHandler(done -> release(c));
        ctx.next();
    }

    /** True when the request's body was asked to give way to one that did not fit (SlowBodies): answered 503, closed. */
    public static boolean gaveWay(RoutingContext ctx) {
        Counter c = counterOf(ctx);
        return c != null && c.gaveWay;
    }

    /** The counter of the request being read, if its body counts. */
    static Counter counterOf(RoutingContext ctx) {
        return ctx == null ? null : ctx.get(KEY);
    }

    /**
     * Counts {@code n} more bytes read of the request's body; refuses them (503, the rest of the body unread) when they
     * do not fit beside the bytes other requests have read. Slow bodies that would make room are asked to give way
     * ({@link #giveWay}); the room is there once they have ended, for this body's next try (Retry-After). Bytes read
     * after the answer ended are not counted; a body asked to give way is refused at its next read.
     */
    void take(Counter c, int n) {
        if (!tryTake(c, n)) {
            giveWay(c, Math.max(n, c.stated - c.count));
            log(c.count + n, "while it was read");
            throw new OverBudget(c.http2);
        }
    }

    private boolean tryTake(Counter c, int n) {
        synchronized (c) {
            if (c.gaveWay) {
                throw new OverBudget(c.http2);
            }
            if (c.released) {
                return true;
            }
            while (true) {
                long now = reading.get();
                if (!fits(n, now, c.count) && !(holdsMost(c) && n <= budget + budget / 4 - now)) {
                    return false;
                }
                if (reading.compareAndSet(now, now + n)) {
                    long t = System.nanoTime();
                    if (c.count == 0) {
                        c.firstByte = t;
                    }
                    c.lastByte = t;
                    c.count += n;
                    return true;
                }
            }
        }
    }

    /** The body's reader met its end: it reads no more, so it is never slow (its handler may run for long). */
    void whole(Counter c) {
        c.whole = true;
    }

    /** Asks slow bodies to make room for {@code needed} bytes ({@link SlowBodies}). */
    void giveWay(Counter except, long needed) {
        slowBodies.giveWay(held, except, budget - reading.get(), needed);
    }

    /**
     * The body that has read the most goes on a little past the budget (a quarter of it) while the others are refused at
     * their next read and give their bytes back: with every body refused once the budget was full, a crowd of large
     * bodies read together could all be refused and none read (sixteen at once to enrollment-service, after the budget
     * counted as bodies were read: sixteen 503s). Not the oldest, as first written: a request that opened its body and
     * sent nothing was the oldest for as long as it kept its connection, and with no limit on how far past the budget it
     * went, the bytes read at once could reach the budget plus a whole body limit (hostile read of the pass, F1, F2).
     */
    private boolean holdsMost(Counter c) {
        for (Counter other : held) {
            if (other != c && other.count > c.count) {
                return false;
            }
        }
        return c.count > 0;
    }

    private boolean fits(long n, long own) {
        return fits(n, reading.get(), own);
    }

    /** Whether n more bytes fit: always when every byte counted now is the request's own. */
    private boolean fits(long n, long now, long own) {
        return now - own <= 0 || n <= budget - now;
    }

    /**
     * Gives back what the end handler did not: RESTEasy refuses a chunked body over the server's limit (413) after it
     * replaced the response's end handler, and had replaced its close handler on every request, so the handlers behind
     * {@code addEndHandler} never ran and the bytes were kept for good (hostile read of the twenty-third pass, M1). An
     * answer that has ended, or a connection that has closed, gives its bytes back here within a second.
     */
    void sweep() {
        for (Counter c : held) {
            if (c.answer.ended() || c.answer.closed()) {
                release(c);
            }
        }
    }

    private void release(Counter c) {
        synchronized (c) {
            if (c.released) {
                return;
            }
            c.released = true;
            reading.addAndGet(-c.count);
        }
        held.remove(c);
    }

    /** The bytes of one request's body read so far. */
    static final class Counter {
        final HttpServerResponse answer;
        final HttpServerRequest request;
        final io.vertx.core.Context context;
        final boolean http2;
        /** The stated length, or -1. */
        final long stated;
        volatile long count;
        /** When the first byte was counted (nanoTime), once {@code count} is above 0. */
        volatile long firstByte;
        volatile long lastByte;
        /** The reader met the body's end. */
        volatile boolean whole;
        boolean released;
        /** Asked to give way to a body that did not fit: answered 503, its next read refused. */
        volatile boolean gaveWay;

        Counter(RoutingContext ctx, long stated) {
            this.answer = ctx.response();
            this.request = ctx.request();
            this.context = ctx.vertx().getOrCreateContext();
            this.http2 = request.version() == HttpVersion.HTTP_2;
            this.stated = stated;
        }
    }

    /**
     * A body whose bytes stopped fitting while it was read: 503 with Retry-After, its connection closed (HTTP/1.x; an
     * HTTP/2 stream ends with the answer, and the header is forbidden there).
     */
    public static final class OverBudget extends ProblemException {
        OverBudget(boolean http2) {
            super(ProblemType.SERVICE_UNAVAILABLE, DETAIL, List.of(), http2
                    ? Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                    : Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS), "Connection", "close"));
        }
    }

    /** The request's Content-Length; -1 when it states none (or an unreadable one: Vert.x refuses that itself). */
    static long statedLength(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(length.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean unknownLengthBody(HttpServerRequest req) {
        return req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (req.version() == HttpVersion.HTTP_2 && !req.isEnded() && mayHaveBody(req.method()));
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private long largest() {
        return largestBody.orElse(serverBodyLimit).asLongValue();
    }

    private boolean exempt(String path) {
        if (exemptPaths.isEmpty() || path == null) {
            return false;
        }
        // without matrix parameters, as RESTEasy matches the resource (hostile read of the twenty-third pass, F7)
        String bare = path.indexOf(';') < 0 ? path : MATRIX.matcher(path).replaceAll("");
        for (String prefix : exemptPaths.get()) {
            if (bare.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void log(long size, String when) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last > TimeUnit.SECONDS.toNanos(10) && lastLogged.compareAndSet(last, now)) {
            LOG.infof("Answered 503 to a body of %d bytes %s: %d of the %d bytes of bodies read at once are taken"
                    + " (portfolio.http.body-budget.bytes; further refusals in the next 10 s are not logged)",
                    size, when, reading.get(), budget);
        }
    }

    private void refuse(RoutingContext ctx, long size) {
        log(size, "on " + LoggedPaths.of(ctx.normalizedPath()) + " before it was read");
        answer503(ctx.request(), ctx.response(), ctx.normalizedPath());
    }

    /** 503 problem+json with Retry-After, the request's id, and (HTTP/1.x) the connection closed after it. */
    static void answer503(HttpServerRequest req, HttpServerResponse res, String path) {
        RequestCorrelation.begin(req.getHeader(RequestCorrelation.REQUEST_ID_HEADER),
                req.getHeader(RequestCorrelation.TRACEPARENT_HEADER));
        String requestId = RequestCorrelation.requestId();
        RequestCorrelation.end();
        ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(), DETAIL, path, requestId, List.of());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":503}";
        }
        res.setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .putHeader(RequestCorrelation.REQUEST_ID_HEADER, requestId);
        if (req.version() != HttpVersion.HTTP_2) {
            // the body stays unread: the connection closes after the answer, so its bytes are not taken for a request
            // (HTTP/2 forbids the header: the stream ends with the answer)
            res.putHeader(HttpHeaders.CONNECTION, "close");
        }
        res.end(body);
    }
}
