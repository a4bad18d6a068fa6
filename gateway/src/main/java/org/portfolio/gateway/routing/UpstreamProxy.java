package org.portfolio.gateway.routing;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.portfolio.gateway.config.GatewayConfig;
import org.portfolio.platform.web.problem.ProblemType;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards one request to its service and the answer back, streaming both bodies (a bulk upload of hundreds of
 * megabytes passes through in chunks, with back-pressure, never whole in memory). Connections to each service
 * are pooled and kept alive. The body limit is enforced while streaming too (a chunked upload has no
 * Content-Length to check up front). Failures become problem+json: 503 when the service cannot be reached,
 * 504 when it does not start answering in time, 502 when it breaks the exchange. A {@code Location} or
 * {@code Content-Location} naming a service's own address is rewritten to the public one ({@link PublicLocations}).
 * Both bodies have a minimum rate: a request body that trickles is answered 408, an answer the client takes too slowly
 * is cut off, and either way the connection to the service is closed rather than held.
 */
@ApplicationScoped
public class UpstreamProxy {

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    /** RFC 9110 §7.6.1 hop-by-hop headers, plus Expect (answered here) and the ones the gateway sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "expect",
            "host", "x-request-id", "traceparent", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "x-request-id",
            "ratelimit", "ratelimit-policy"); // the gateway's own limits, set by FrontDoor

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    /** Waits before each new try to obtain a connection to a service (about 0.6 s in all). */
    static final long[] CONNECT_RETRIES_MS = {50, 150, 400};

    private HttpClient client;
    private PublicLocations locations;
    private FairShares shares;

    @PostConstruct
    void init() {
        locations = new PublicLocations(config.services().values(), config.trustForwardedHeaders());
        GatewayConfig.Upstream u = config.upstream();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) u.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, u.keepAliveTimeout().toSeconds()))
                .setIdleTimeout((int) Math.max(1, u.idleTimeout().toSeconds()))
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxHeaderSize(16 * 1024);
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(u.poolSize()).setMaxWaitQueueSize(u.maxWaitQueue());
        // a request takes one of its service's places before it asks the pool for a connection: the pool seldom queues,
        // and when every connection is busy the next one goes to the caller holding fewest (FairShares)
        shares = new FairShares(u.poolSize(), u.maxWaitQueue());
        // a connection's own failure (the service reset it, say) also fails the request on it, if any, which answers
        // 502/503 and logs a WARN naming the request; without a handler Vert.x logged it again at ERROR, with nothing to
        // find the request by (an idle pooled connection that fails has no request: the pool just drops it)
        client = vertx.httpClientBuilder().with(options).with(pool)
                .withConnectHandler(conn -> conn.exceptionHandler(t -> LOG.debugf("A connection to a service failed: %s", t)))
                .build();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Forwards the request; {@code slot} (its place among its client's requests in flight) is released when it ends, and
     * so is its place among its service's connections, shared fairly among callers ({@code caller}: {@code c:subject}
     * or {@code a:address}).
     */
    void forward(RoutingContext ctx, RouteTable.Route route, RouteTable.Policy policy, Correlation corr, String path,
                 RateLimiter.Slot slot, String caller) {
        new Exchange(ctx, route, policy, corr, path, slot, caller).start();
    }

    /** The services' connections as shared among callers (tests). */
    public FairShares shares() {
        return shares;
    }

    /** One proxied request; every callback runs on the request's event loop. */
    private final class Exchange {
        private final RoutingContext ctx;
        private final HttpServerRequest in;
        private final HttpServerResponse res;
        private final RouteTable.Route route;
        private final RouteTable.Policy policy;
        private final Correlation corr;
        private final String path;
        private final boolean hasBody;
        private final RateLimiter.Slot slot;
        private final String caller;
        /** Its place among the service's connections (or its wait for one); null until claimed. */
        private FairShares.Ticket place;
        private boolean ended;
        private HttpClientRequest out;
        private long received;
        private long timer = -1;
        private long stallTimer = -1;
        private long lastChunkAt;
        /** The current window of the minimum body rate: when it began and what had been received then. */
        private long windowStart;
        private long receivedAtWindowStart;
        private boolean bodyFullyRead;
        /** The whole request, body included, went to the service ({@code out.end()}). */
        private boolean requestSent;
        /** The service's whole answer has been read and handed on. */
        private boolean serviceDone;
        private boolean done;
        private boolean timedOut;
        /** The answer's minimum rate: bytes handed to the client, and the current window (when it began, what had been handed then). */
        private long handed;
        private long answerWindowStart;
        private long handedAtWindowStart;
        private long answerTimer = -1;
        /** The service's answer is being relayed: its body has not all been handed to the client's connection yet. */
        private boolean relaying;
        private boolean readerCutOff;

        Exchange(RoutingContext ctx, RouteTable.Route route, RouteTable.Policy policy, Correlation corr, String path,
                 RateLimiter.Slot slot, String caller) {
            this.ctx = ctx;
            this.in = ctx.request();
            this.res = ctx.response();
            this.route = route;
            this.policy = policy;
            this.corr = corr;
            this.path = path;
            this.hasBody = FrontDoor.hasBody(in);
            this.slot = slot;
            this.caller = caller;
        }

        void start() {
            // every ending (answer handed over, problem answered, client gone, stream reset) ends or closes the response:
            // the slot is released there, once (registered before the close handler below, which Vert.x Web would replace)
            ctx.addEndHandler(ar -> {
                slot.release();
                giveBackPlace();
            });
            if (hasBody) {
                in.pause();
            } else {
                bodyFullyRead = true;
            }
            MultiMap headers;
            try {
                headers = requestHeaders();
            } catch (IllegalArgumentException e) {
                // a header value HTTP/1.1 cannot carry (HTTP/2 delivers control characters unchecked): refused, never
                // a 500 (review of 2026-12-05)
                done = true;
                FrontDoor.closeAfterAnswer(ctx);
                EdgeProblems.send(res, ProblemType.BAD_REQUEST, "A request header holds characters a header may not",
                        path, corr.requestId());
                return;
            }
            String query = in.query();
            RequestOptions o = new RequestOptions()
                    .setMethod(in.method())
                    .setHost(route.host())
                    .setPort(route.port())
                    .setSsl(route.ssl())
                    .setURI(query == null ? path : path + "?" + query)
                    .setFollowRedirects(false)
                    .setHeaders(headers);
            res.closeHandler(v -> clientGone());
            io.vertx.core.Context loop = vertx.getOrCreateContext();
            place = shares.enter(route.service(), caller, task -> loop.runOnContext(v -> task.run()), () -> {
                if (!done) {
                    connect(o, 0);
                }
            });
            if (place == null) {
                fail(new ConnectionPoolTooBusyException("More than " + config.upstream().maxWaitQueue()
                        + " requests wait for a connection to " + route.service() + "-service"));
            } else if (ended) {
                place.close();
            }
        }

        /** Gives back the exchange's place among its service's connections, or its wait for one (any number of times). */
        private void giveBackPlace() {
            ended = true;
            if (place != null) {
                place.close();
            }
        }

        /**
         * Obtains a connection to the service; a failure to obtain one is tried again after {@link #CONNECT_RETRIES_MS}
         * (nothing of the request has reached the service yet, so any method may be tried again, and the body waits paused
         * in the gateway): a service restarting, a pooled connection closing just as it is handed out, or a connect that
         * times out on a loaded machine costs a short wait instead of a 503. A service still unreachable after the last
         * wait answers 503.
         */
        private void connect(RequestOptions o, int attempt) {
            client.request(o).onComplete(ar -> {
                if (ar.failed()) {
                    if (!done && attempt < retriesFor(ar.cause())) {
                        vertx.setTimer(CONNECT_RETRIES_MS[attempt], id -> {
                            if (!done) {
                                connect(o, attempt + 1);
                            }
                        });
                        return;
                    }
                    fail(ar.cause());
                    return;
                }
                out = ar.result();
                // the gateway resets this request whenever the exchange cannot go on (the client went away, its body was
                // too large or stalled, the service answered before the body was whole); a failure before the answer
                // also fails out.response(), which answers 502/504 below. Without a handler Vert.x logged every reset of
                // an unfinished request at ERROR ("Stream reset: 0", 129 in one build's log, no request id)
                out.exceptionHandler(this::requestToServiceEnded);
                if (done) { // the client went away meanwhile
                    out.reset();
                    return;
                }
                out.response().onComplete(r -> {
                    if (r.succeeded()) {
                        answer(r.result());
                    } else {
                        fail(r.cause());
                    }
                });
                if (hasBody) {
                    sendBody();
                } else {
                    requestSent = true;
                    out.end();
                    startResponseTimer();
                }
            });
        }

        private void requestToServiceEnded(Throwable t) {
            LOG.debugf("%s %s → %s-service ended early: %s (requestId=%s)", in.method(),
                    org.portfolio.platform.web.http.LoggedPaths.of(path), route.service(), t, corr.requestId());
        }

        /** A full wait queue is not tried again (the gateway is the bottleneck); a connect that timed out once more only. */
        private static int retriesFor(Throwable t) {
            if (t instanceof ConnectionPoolTooBusyException) {
                return 0;
            }
            return t instanceof ConnectTimeoutException ? 1 : CONNECT_RETRIES_MS.length;
        }

        private MultiMap requestHeaders() {
            MultiMap h = HttpHeaders.headers();
            String connection = in.getHeader(HttpHeaders.CONNECTION);
            for (Map.Entry<String, String> e : in.headers()) {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith(":") || NOT_FORWARDED.contains(name) || (connection != null && listedIn(connection, name))) {
                    continue;
                }
                h.add(e.getKey(), e.getValue());
            }
            h.set(FrontDoor.REQUEST_ID, corr.requestId());
            h.set("traceparent", corr.traceparent());
            String remote = in.remoteAddress() == null ? null : in.remoteAddress().hostAddress();
            String forwardedFor = in.getHeader("X-Forwarded-For");
            if (remote != null) {
                h.set("X-Forwarded-For", forwardedFor == null ? remote : forwardedFor + ", " + remote);
            }
            // the origin the caller used, as Location headers are rewritten to it: behind a trusted TLS terminator the
            // one it forwarded (hostile review of 2026-12-05, sixth pass: the Ed-Fi discovery named http:// and the
            // terminator's upstream host, so Ed-Fi clients sent their secrets in clear text)
            String origin = locations.callerOrigin(in);
            int sep = origin == null ? -1 : origin.indexOf("://");
            h.set("X-Forwarded-Proto", sep > 0 ? origin.substring(0, sep) : in.scheme() == null ? "http" : in.scheme());
            @SuppressWarnings("deprecation")
            String host = sep > 0 ? origin.substring(sep + 3) : in.host(); // else the Host header, or HTTP/2's :authority
            if (PublicLocations.validHost(host) == null && in.localAddress() != null) {
                // none, or one a service would not take: the address the caller reached, never the service's own
                // (review of 2026-12-05: edfi-service's discovery then named its internal address)
                String local = in.localAddress().hostAddress();
                host = (local.indexOf(':') >= 0 ? "[" + local + "]" : local) + ":" + in.localAddress().port();
            }
            if (host != null) {
                h.set("X-Forwarded-Host", host);
            }
            return h;
        }

        private void sendBody() {
            if (in.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                out.setChunked(true);
            }
            if ("100-continue".equalsIgnoreCase(in.getHeader(HttpHeaders.EXPECT))) {
                res.writeContinue();
            }
            long limit = policy.maxBodySize();
            lastChunkAt = System.nanoTime();
            newWindow(lastChunkAt);
            watchForStall();
            in.handler(buf -> {
                if (done) {
                    return;
                }
                lastChunkAt = System.nanoTime();
                received += buf.length();
                if (received > limit) {
                    tooLarge(limit);
                    return;
                }
                out.write(buf);
                if (out.writeQueueFull()) {
                    in.pause();
                    out.drainHandler(v -> {
                        if (!done) {
                            newWindow(System.nanoTime()); // the time the service took to read does not count
                            in.resume();
                        }
                    });
                }
            });
            in.endHandler(v -> {
                bodyFullyRead = true;
                cancelStallTimer();
                if (!done) {
                    requestSent = true;
                    out.end();
                    startResponseTimer();
                }
            });
            in.exceptionHandler(t -> clientGone());
            in.resume();
        }

        /**
         * A body that stops arriving before its end is cut after {@code body-stall-timeout} without a byte (checked on a
         * timer that re-arms itself, not reset per chunk, so a fast upload costs no timer churn). Time spent paused for
         * back-pressure (the service is slow to read) does not count: then the gateway, not the client, is waiting.
         */
        private void watchForStall() {
            long stallMs = config.upstream().bodyStallTimeout().toMillis();
            stallTimer = vertx.setTimer(Math.max(100, stallMs / 4), id -> {
                stallTimer = -1;
                if (done || bodyFullyRead) {
                    return;
                }
                long now = System.nanoTime();
                boolean waitingForService = out != null && out.writeQueueFull();
                if (waitingForService) {
                    lastChunkAt = now;
                    newWindow(now);
                }
                if (TimeUnit.NANOSECONDS.toMillis(now - lastChunkAt) >= stallMs) {
                    stalled("The request body stopped arriving: no byte for " + (stallMs / 1000) + " s after " + received + " bytes");
                    return;
                }
                if (TimeUnit.NANOSECONDS.toMillis(now - windowStart) >= stallMs) {
                    long need = config.upstream().bodyMinBytesPerWindow();
                    long declared = declaredLength();
                    if (declared >= 0) {
                        need = Math.min(need, declared - receivedAtWindowStart);
                    }
                    long got = received - receivedAtWindowStart;
                    if (got < need) {
                        stalled("The request body arrives too slowly: " + got + " bytes in " + (stallMs / 1000)
                                + " s, at least " + need + " needed");
                        return;
                    }
                    newWindow(now);
                }
                watchForStall();
            });
        }

        private void newWindow(long now) {
            windowStart = now;
            receivedAtWindowStart = received;
        }

        private long declaredLength() {
            return declaredLength(in.getHeader(HttpHeaders.CONTENT_LENGTH));
        }

        private static long declaredLength(String length) {
            try {
                return length == null ? -1 : Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private void cancelStallTimer() {
            if (stallTimer >= 0) {
                vertx.cancelTimer(stallTimer);
                stallTimer = -1;
            }
        }

        private void stalled(String detail) {
            done = true;
            cancelTimer();
            if (out != null) {
                out.reset();
            }
            in.pause();
            FrontDoor.closeAfterAnswer(ctx);
            EdgeProblems.send(res, ProblemType.REQUEST_TIMEOUT, detail, path, corr.requestId());
            // the rest of the body will not come: free the connection now (HTTP/2: just this stream)
            if (in.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
                resetClient();
            } else {
                vertx.setTimer(200, id -> in.connection().close());
            }
        }

        /** The service has {@code response-timeout} to start answering once it has the whole request. */
        private void startResponseTimer() {
            long ms = policy.responseTimeout().toMillis();
            timer = vertx.setTimer(ms, id -> {
                timer = -1;
                if (!done && out != null) {
                    timedOut = true;
                    out.reset(0, new TimeoutException("no answer within " + policy.responseTimeout()));
                }
            });
        }

        private void cancelTimer() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        private void answer(HttpClientResponse up) {
            cancelTimer();
            cancelStallTimer();
            if (done) {
                up.exceptionHandler(this::requestToServiceEnded); // else the reset is logged at ERROR on the answer too
                up.request().reset();
                return;
            }
            done = true;
            res.setStatusCode(up.statusCode());
            if (up.statusMessage() != null) {
                res.setStatusMessage(up.statusMessage());
            }
            String connection = up.getHeader(HttpHeaders.CONNECTION);
            MultiMap headers = res.headers();
            for (Map.Entry<String, String> e : up.headers()) {
                String name = e.getKey().toLowerCase(Locale.ROOT);
                if (NOT_RETURNED.contains(name) || (connection != null && listedIn(connection, name))) {
                    continue;
                }
                if (name.equals("location") || name.equals("content-location")) {
                    headers.add(e.getKey(), locations.rewrite(e.getValue(), in)); // never a service's own address
                    continue;
                }
                headers.add(e.getKey(), e.getValue());
            }
            headers.set(FrontDoor.REQUEST_ID, corr.requestId());
            if (!bodyFullyRead) {
                // the service answered before reading the whole body (e.g. its own 413): the rest is not wanted
                FrontDoor.closeAfterAnswer(ctx);
            }
            if (up.getHeader(HttpHeaders.CONTENT_LENGTH) == null && in.method() != HttpMethod.HEAD
                    && up.statusCode() != 204 && up.statusCode() != 304) {
                res.setChunked(true);
            }
            relaying = true;
            up.pipe().endOnFailure(false).to(new Handed(up)).onComplete(ar -> {
                relaying = false;
                cancelAnswerTimer();
                if (ar.failed() && !readerCutOff) {
                    LOG.debugf("Stream from %s broke: %s", route.service(), ar.cause().toString());
                    resetClient();
                    if (!serviceExchangeOver()) {
                        up.request().reset();
                    }
                }
            });
        }

        /**
         * The client's side of the relay: counts what is handed to the client's connection and, once the gateway holds
         * more than the client has taken (the write queue is full), watches that the client keeps taking.
         */
        private final class Handed implements WriteStream<Buffer> {
            private final HttpClientResponse up;

            Handed(HttpClientResponse up) {
                this.up = up;
            }

            @Override
            public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
                res.exceptionHandler(handler);
                return this;
            }

            @Override
            public Future<Void> write(Buffer data) {
                handed += data.length();
                Future<Void> f = res.write(data);
                heldBack();
                return f;
            }

            @Override
            public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
                handed += data.length();
                res.write(data, handler);
                heldBack();
            }

            private void heldBack() {
                if (answerTimer < 0 && relaying && res.writeQueueFull()) {
                    newAnswerWindow(System.nanoTime());
                    watchTheReader(up);
                }
            }

            @Override
            public Future<Void> end() {
                answerHandedOver();
                return res.end();
            }

            @Override
            public void end(Handler<AsyncResult<Void>> handler) {
                answerHandedOver();
                res.end(handler);
            }

            @Override
            public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
                res.setWriteQueueMaxSize(maxSize);
                return this;
            }

            @Override
            public boolean writeQueueFull() {
                return res.writeQueueFull();
            }

            @Override
            public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
                res.drainHandler(handler);
                return this;
            }
        }

        /** The service's answer has all been read and handed on: the connection to the service goes back to the pool. */
        private void answerHandedOver() {
            serviceDone = true;
            relaying = false;
            cancelAnswerTimer();
            if (!requestSent && out != null) {
                // the service answered before the whole body (its own 413, 401, 404…): the request to it can never end, so
                // its connection is closed now rather than held until the client ends its stream or the idle timeout
                // (HTTP/2 clients may keep a stream open; review of 2026-12-05, gateway M2)
                out.reset();
            }
        }

        /**
         * Whether the exchange with the service is over on both sides: then the connection is back in the pool, perhaps
         * serving another request, and must not be reset — Vert.x 4 closes the physical connection on a late reset of a
         * completed HTTP/1.1 request (eclipse-vertx/vert.x#6294), and over HTTP/2 the close handler runs at the end of
         * every stream (review of 2026-12-05, gateway H1: every HTTP/2 exchange closed its pooled connection).
         */
        private boolean serviceExchangeOver() {
            return serviceDone && requestSent;
        }

        /**
         * An answer the client takes too slowly is cut off (review of 2026-12-05, gateway M3): while the gateway holds
         * more of it than the client has taken, the client must take {@code answer-min-bytes-per-window} (or the rest, if
         * less) in every {@code answer-window}, or the exchange ends and the connection to the service is closed: a reader
         * that took a few bytes every few minutes never went idle and held one of the service's pooled connections.
         * Time the service takes to send (the gateway holds nothing back) does not count. Checked on a timer that re-arms
         * itself, armed only once an answer is held back, so small or fast answers cost no timer.
         */
        private void watchTheReader(HttpClientResponse up) {
            long windowMs = config.upstream().answerWindow().toMillis();
            answerTimer = vertx.setTimer(Math.max(100, windowMs / 4), id -> {
                answerTimer = -1;
                if (!relaying) {
                    return;
                }
                long now = System.nanoTime();
                if (!res.writeQueueFull()) {
                    newAnswerWindow(now); // the gateway waits for the service, not for the client
                } else if (TimeUnit.NANOSECONDS.toMillis(now - answerWindowStart) >= windowMs) {
                    long need = config.upstream().answerMinBytesPerWindow();
                    long declared = declaredLength(up.getHeader(HttpHeaders.CONTENT_LENGTH));
                    if (declared >= 0) {
                        need = Math.min(need, declared - handedAtWindowStart);
                    }
                    long got = handed - handedAtWindowStart;
                    if (got < need) {
                        readerTooSlow(up, got, need, windowMs);
                        return;
                    }
                    newAnswerWindow(now);
                }
                watchTheReader(up);
            });
        }

        private void newAnswerWindow(long now) {
            answerWindowStart = now;
            handedAtWindowStart = handed;
        }

        private void cancelAnswerTimer() {
            if (answerTimer >= 0) {
                vertx.cancelTimer(answerTimer);
                answerTimer = -1;
            }
        }

        private void readerTooSlow(HttpClientResponse up, long got, long need, long windowMs) {
            readerCutOff = true;
            relaying = false;
            MDC.put("requestId", corr.requestId());
            MDC.put("traceId", corr.traceId());
            try {
                LOG.infof("%s %s: the client took %d bytes of the answer in %d s, at least %d needed; cut off after %d bytes",
                        in.method(), org.portfolio.platform.web.http.LoggedPaths.of(path), got, windowMs / 1000, need, handed);
            } finally {
                MDC.remove("requestId");
                MDC.remove("traceId");
            }
            // HTTP/1.1 closes the client's connection (the answer's head is out: nothing else can be said), HTTP/2 resets
            // just the stream; the connection to the service, its answer half read, is closed, never pooled again
            resetClient();
            up.request().reset();
            HttpConnection upstream = up.request().connection();
            if (upstream != null) {
                upstream.close();
            }
        }

        private void tooLarge(long limit) {
            done = true;
            cancelTimer();
            cancelStallTimer();
            if (out != null) {
                out.reset();
            }
            in.pause();
            FrontDoor.closeAfterAnswer(ctx);
            EdgeProblems.send(res, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + FrontDoor.size(limit)
                    + ", the limit of " + path, path, corr.requestId());
        }

        /**
         * Ends the exchange with the client without an answer (HTTP/1.1: closes the connection, HTTP/2: resets the stream).
         * A response the gateway resets itself calls neither its end nor its close handler (Vert.x 4), so the request's
         * place among its client's requests in flight, and its place among its service's connections, are given back
         * here (the latter was not: every answer the service broke off, every slow reader cut off, lost one of the
         * service's places for good; hostile read of the twenty-third pass, H1).
         */
        private void resetClient() {
            res.reset();
            slot.release();
            giveBackPlace();
        }

        /** The caller closed the connection (or, on HTTP/2, its stream ended): stop the upstream exchange unless it is over. */
        private void clientGone() {
            done = true;
            relaying = false;
            cancelTimer();
            cancelStallTimer();
            cancelAnswerTimer();
            slot.release();
            giveBackPlace();
            if (out != null && !serviceExchangeOver()) {
                out.reset();
            }
        }

        private void fail(Throwable t) {
            cancelTimer();
            cancelStallTimer();
            if (done) {
                return;
            }
            done = true;
            String service = route.service() + "-service";
            ProblemType type;
            String detail;
            if (timedOut) {
                type = ProblemType.GATEWAY_TIMEOUT;
                detail = service + " did not answer within " + policy.responseTimeout().toSeconds() + " s";
            } else if (t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof ConnectionPoolTooBusyException || out == null) {
                type = ProblemType.SERVICE_UNAVAILABLE;
                detail = service + " is unavailable; try again shortly";
                res.putHeader(HttpHeaders.RETRY_AFTER, "5");
            } else {
                type = ProblemType.BAD_GATEWAY;
                detail = service + " broke off the exchange";
            }
            MDC.put("requestId", corr.requestId());
            MDC.put("traceId", corr.traceId());
            try {
                LOG.warnf("%s %s → %s: %d (%s)", in.method(), org.portfolio.platform.web.http.LoggedPaths.of(path), service, type.status(), t.toString());
            } finally {
                MDC.remove("requestId");
                MDC.remove("traceId");
            }
            if (res.headWritten()) {
                resetClient();
                return;
            }
            if (!bodyFullyRead) {
                FrontDoor.closeAfterAnswer(ctx);
            }
            EdgeProblems.send(res, type, detail, path, corr.requestId());
        }
    }

    private static boolean listedIn(String connectionHeader, String lowerName) {
        for (String token : connectionHeader.split(",")) {
            if (token.trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return true;
            }
        }
        return false;
    }
}
