package org.portfolio.integration.service;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.ErrorClass;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one webhook request with Vert.x's non-blocking HTTP client: to the address the guard checked (the URL's host
 * only names it, for the Host header, TLS SNI and certificate check), no redirects followed, connect timeout and a
 * deadline for the whole exchange. Keeps at most a short, printable snippet of the answer.
 */
@ApplicationScoped
public class WebhookSender {

    static final int SNIPPET = 120;

    /** How one request ended. */
    public record Outcome(Integer statusCode, int latencyMs, ErrorClass errorClass, String snippet) {
        public boolean acknowledged() {
            return errorClass == null;
        }
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WebhookSender.class);

    @Inject
    Vertx vertx;

    @Inject
    IntegrationConfig config;

    private HttpClient client;

    @PostConstruct
    void init() {
        // a connection's own failure (the receiver reset it) also fails the delivery on it, which its log records; without
        // a handler Vert.x logged every reset again at ERROR, naming nothing, so a receiver could fill the service's log
        // at will (hostile review of the twenty-fourth pass, N5). An idle pooled connection that fails is just dropped
        client = vertx.httpClientBuilder().with(new HttpClientOptions()
                        .setConnectTimeout((int) config.webhooks().connectTimeout().toMillis())
                        .setMaxPoolSize(Math.max(Math.max(2, config.webhooks().maxInFlight()), config.webhooks().maxConnectionsPerHost()))
                        .setKeepAlive(true)
                        .setVerifyHost(true)
                        .setForceSni(true)
                        .setTryUseCompression(false))
                .withConnectHandler(conn -> conn.exceptionHandler(t -> LOG.debugf("A connection to a webhook receiver failed: %s", t)))
                .build();
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public CompletableFuture<Outcome> send(URI target, InetAddress address, Map<String, String> headers, String body) {
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        int port = target.getPort() > 0 ? target.getPort() : (https ? 443 : 80);
        String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost()).setPort(port)
                .setURI(path).setSsl(https).setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()));
        long start = System.nanoTime();
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        long timer = vertx.setTimer(config.webhooks().requestTimeout().toMillis(), t -> {
            if (result.complete(new Outcome(null, millis(start), ErrorClass.TIMEOUT, null))) {
                HttpClientRequest r = request.get();
                if (r != null) {
                    r.reset();
                }
            }
        });
        result.whenComplete((o, e) -> vertx.cancelTimer(timer));
        client.request(options).onComplete(created -> {
            if (created.failed()) {
                result.complete(new Outcome(null, millis(start), classify(created.cause()), null));
                return;
            }
            HttpClientRequest req = created.result();
            if (result.isDone()) {
                // the attempt already timed out while waiting for a pooled connection: it was recorded as TIMEOUT,
                // so it must not go out late (it would arrive after its lane moved on, and count outside the bound)
                req.reset();
                return;
            }
            request.set(req);
            headers.forEach(req::putHeader);
            req.putHeader("content-type", "application/json");
            req.send(Buffer.buffer(body)).onComplete(answered -> {
                if (answered.failed()) {
                    result.complete(new Outcome(null, millis(start), classify(answered.cause()), null));
                    return;
                }
                var response = answered.result();
                int status = response.statusCode();
                ErrorClass error = status >= 200 && status < 300 ? null : ErrorClass.HTTP_STATUS;
                Buffer kept = Buffer.buffer();
                response.handler(chunk -> {
                    if (kept.length() < SNIPPET) {
                        kept.appendBuffer(chunk.slice(0, Math.min(chunk.length(), SNIPPET - kept.length())));
                    }
                    if (kept.length() >= SNIPPET && result.complete(new Outcome(status, millis(start), error, sanitise(kept)))) {
                        req.reset(); // the rest of a long answer is not read
                    }
                });
                response.exceptionHandler(e -> result.complete(new Outcome(status, millis(start), error, sanitise(kept))));
                response.endHandler(v -> result.complete(new Outcome(status, millis(start), error, sanitise(kept))));
            });
        });
        return result;
    }

    static ErrorClass classify(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectTimeoutException) {
                return ErrorClass.CONNECT_TIMEOUT;
            }
            if (c instanceof ConnectException) {
                return ErrorClass.CONNECTION_REFUSED;
            }
            if (c instanceof SSLException) {
                return ErrorClass.TLS;
            }
            if (c instanceof java.util.concurrent.TimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return ErrorClass.TIMEOUT;
            }
        }
        return ErrorClass.IO;
    }

    /** Printable ASCII only, at most {@link #SNIPPET} characters; null when nothing is left. */
    static String sanitise(Buffer b) {
        String s = b.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("[^\\x20-\\x7E]", " ").trim();
        return s.isEmpty() ? null : s.substring(0, Math.min(s.length(), SNIPPET));
    }

    private static int millis(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }
}
