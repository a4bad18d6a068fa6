package org.portfolio.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import org.portfolio.platform.web.problem.ProblemType;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bodies of the gateway's own resources (the token endpoints, the admin API), which RESTEasy reads: past its input
 * buffer it reads the rest blocking on a worker thread, so a body trickled a byte a minute held a worker for as long
 * as the client liked, and a few hundred anonymous token requests held them all (hostile review of 2026-12-05, sixth
 * pass, H1). Each such request's body must have arrived whole within {@code body-stall-timeout}: else 408 and the
 * connection closed, which ends the read; and one that can reach a worker (a caller's with a token, or one of unknown
 * length) takes an in-flight place of its caller, as a proxied one does.
 */
final class OwnBodies {

    private OwnBodies() {
    }

    static void guard(RoutingContext ctx, Duration deadline, RateLimiter.Slot slot, String path, Correlation corr) {
        HttpServerRequest req = ctx.request();
        Vertx vertx = ctx.vertx();
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slot.release();
            }
        };
        long timer = vertx.setTimer(deadline.toMillis(), id -> {
            release.run();
            if (req.isEnded()) {
                return;
            }
            if (ctx.response().headWritten() || ctx.response().ended()) {
                // RESTEasy answered already (its 413, say): only the unread rest of the body is left
                if (req.version() == HttpVersion.HTTP_2) {
                    req.response().reset();
                } else {
                    req.connection().close();
                }
                return;
            }
            FrontDoor.closeAfterAnswer(ctx);
            EdgeProblems.send(ctx.response(), ProblemType.REQUEST_TIMEOUT, "The request body did not arrive within "
                    + deadline.toSeconds() + " s", path, corr.requestId());
            if (req.version() == HttpVersion.HTTP_2) {
                req.response().reset();
            } else {
                vertx.setTimer(200, x -> req.connection().close());
            }
        });
        ctx.addEndHandler(v -> {
            vertx.cancelTimer(timer);
            release.run();
        });
    }
}
