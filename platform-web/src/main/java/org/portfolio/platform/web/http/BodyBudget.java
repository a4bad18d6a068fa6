package org.portfolio.platform.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.Vertx;
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
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many bytes of request bodies a service reads at once. RESTEasy reads a JSON body whole before Jackson parses it,
 * and the parse costs several times the body (a 10 MB body cost enrollment-service about 95 MB): sixteen 10 MB bodies
 * sent together ran contracts-service and autonomy-service out of their 256 MB heaps, two were enough for
 * enrollment-service (crowd check, twenty-second pass, H2). Each body over {@code free-below} reserves its stated
 * Content-Length (a body of unknown length, chunked or an HTTP/2 stream: {@code largest-body}) from the budget before a
 * byte of it is read, and gives it back when the answer ends or the connection closes. A body that does not fit beside
 * those being read is answered 503 problem+json with Retry-After and its connection closed, unread; one arriving while
 * no other is being read is always taken (the body limit, 413, bounds it). Bodies under {@code free-below} (every
 * ordinary request) never wait. Paths under {@code exempt-paths} stream their bodies and bound them themselves
 * (performance-service's uploads).
 */
@ApplicationScoped
public class BodyBudget {

    private static final Logger LOG = Logger.getLogger(BodyBudget.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int RETRY_AFTER_SECONDS = 1;
    static final long SWEEP_MILLIS = 1000;

    /** Bytes of bodies a service reads at once; 0 turns the budget off. Unset: a twentieth of the heap. */
    @ConfigProperty(name = "portfolio.http.body-budget.bytes")
    Optional<MemorySize> configuredBudget;

    @ConfigProperty(name = "portfolio.http.body-budget.free-below", defaultValue = "64K")
    MemorySize freeBelow;

    /**
     * The largest body the service reads (its own body limit). A body without a Content-Length reserves it (capped at
     * the budget); one stating more is left to the limit's 413, unreserved. Unset: the server's body limit.
     */
    @ConfigProperty(name = "portfolio.http.body-budget.largest-body")
    Optional<MemorySize> largestBody;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize serverBodyLimit;

    @ConfigProperty(name = "portfolio.http.body-budget.exempt-paths")
    Optional<List<String>> exemptPaths;

    private final AtomicLong reading = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - TimeUnit.MINUTES.toNanos(1));
    /** The reservations held now, each with its answer: the sweep gives back those whose answer ended unnoticed. */
    private final Set<Reservation> held = ConcurrentHashMap.newKeySet();
    private long budget;

    void install(@Observes Router router, Vertx vertx) {
        budget = configuredBudget.map(MemorySize::asLongValue).orElse(Runtime.getRuntime().maxMemory() / 20);
        if (budget <= 0) {
            return;
        }
        // after the routes that only look at headers (order MIN_VALUE), before RESTEasy starts reading the body. The
        // same order as Quarkus's own body handler, which no extension of the services installs (it would read the body
        // before RESTEasy, and this route would have to come first)
        router.route().order(Integer.MIN_VALUE + 1).handler(this::admit);
        vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    /** The budget in bytes (0: off). */
    public long budget() {
        return budget;
    }

    /** Bytes reserved by the bodies being read now. */
    public long reading() {
        return reading.get();
    }

    void admit(RoutingContext ctx) {
        long size = reservation(ctx.request());
        if (size < freeBelow.asLongValue() || size > largest() || exempt(ctx.normalizedPath())) {
            // small, or refused 413 by the body limit before it is read, or streamed and bounded elsewhere
            ctx.next();
            return;
        }
        if (!reserve(size)) {
            refuse(ctx, size);
            return;
        }
        Reservation r = new Reservation(size, ctx.response());
        held.add(r);
        ctx.addEndHandler(done -> release(r));
        ctx.next();
    }

    /**
     * Gives back what the end handler did not: RESTEasy refuses a chunked body over the server's limit (413) after it
     * replaced the response's end handler, and had replaced its close handler on every request, so the handlers behind
     * {@code addEndHandler} never ran and the reservation was kept for good (hostile read of the twenty-third pass,
     * M1). An answer that has ended, or a connection that has closed, gives its reservation back here within a second.
     */
    void sweep() {
        for (Reservation r : held) {
            if (r.answer.ended() || r.answer.closed()) {
                release(r);
            }
        }
    }

    private void release(Reservation r) {
        if (r.released.compareAndSet(false, true)) {
            held.remove(r);
            reading.addAndGet(-r.size);
        }
    }

    private static final class Reservation {
        final long size;
        final HttpServerResponse answer;
        final AtomicBoolean released = new AtomicBoolean();

        Reservation(long size, HttpServerResponse answer) {
            this.size = size;
            this.answer = answer;
        }
    }

    /** The bytes a request's body may take: its stated length, or for a body of unknown length the most it may be. */
    long reservation(HttpServerRequest req) {
        String length = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Math.max(0, Long.parseLong(length.trim()));
            } catch (NumberFormatException e) {
                return 0; // Vert.x refuses a malformed Content-Length itself
            }
        }
        boolean body = req.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (req.version() == HttpVersion.HTTP_2 && !req.isEnded() && mayHaveBody(req.method()));
        if (!body) {
            return 0;
        }
        return Math.min(budget, largest());
    }

    private long largest() {
        return largestBody.orElse(serverBodyLimit).asLongValue();
    }

    private static boolean mayHaveBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private boolean exempt(String path) {
        if (exemptPaths.isEmpty() || path == null) {
            return false;
        }
        for (String prefix : exemptPaths.get()) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Takes the bytes if they fit beside the bodies being read, or if no body is being read. */
    boolean reserve(long size) {
        while (true) {
            long now = reading.get();
            if (now > 0 && size > budget - now) {
                return false;
            }
            if (reading.compareAndSet(now, now + size)) {
                return true;
            }
        }
    }

    private void refuse(RoutingContext ctx, long size) {
        RequestCorrelation.begin(ctx.request().getHeader(RequestCorrelation.REQUEST_ID_HEADER),
                ctx.request().getHeader(RequestCorrelation.TRACEPARENT_HEADER));
        String requestId = RequestCorrelation.requestId();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last > TimeUnit.SECONDS.toNanos(10) && lastLogged.compareAndSet(last, now)) {
            LOG.infof("Answered 503 to a body of %d bytes on %s: %d of the %d bytes of bodies read at once are taken"
                    + " (portfolio.http.body-budget.bytes; further refusals in the next 10 s are not logged)",
                    size, LoggedPaths.of(ctx.normalizedPath()), reading.get(), budget);
        }
        RequestCorrelation.end();
        ProblemType type = ProblemType.SERVICE_UNAVAILABLE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(), "The service is reading as many large"
                + " bodies as it takes at once; send the request again after Retry-After", ctx.normalizedPath(),
                requestId, List.of());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":503}";
        }
        HttpServerResponse res = ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .putHeader(RequestCorrelation.REQUEST_ID_HEADER, requestId);
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            // the body stays unread: the connection closes after the answer, so its bytes are not taken for a request
            // (HTTP/2 forbids the header: the stream ends with the answer)
            res.putHeader(HttpHeaders.CONNECTION, "close");
        }
        res.end(body);
    }
}
