package org.portfolio.performance.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * An upload stopped before the end of its body (too large, malformed, hopeless) must not cost more than its
 * answer. Left alone, what the client keeps sending is queued in memory for a reader that will never come (at
 * 256 MB of heap, a 130 MB body of wrong rows ended in OutOfMemoryError). So the rest is read and dropped, and the
 * connection is closed {@link #LINGER_MILLIS} after the answer is out. Closing at once would make the kernel reset
 * the connection over the unread bytes, and a client still sending could lose the answer with it.
 */
final class StoppedUploads {

    static final long LINGER_MILLIS = 2_000;

    private StoppedUploads() {
    }

    static void dropTheRest(RoutingContext http) {
        HttpServerRequest request = http.request();
        request.handler(buffer -> {
            // dropped
        });
        http.addEndHandler(answered -> {
            request.resume();
            http.vertx().setTimer(LINGER_MILLIS, t -> request.connection().close());
        });
    }
}
