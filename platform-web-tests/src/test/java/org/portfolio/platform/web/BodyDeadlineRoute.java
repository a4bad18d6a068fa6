package org.portfolio.platform.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A stand-in for the gateway's deadline on the bodies of its own resources (OwnBodies): a request naming
 * {@value #HEADER} (milliseconds) whose body has not all arrived by then is answered 408 in front of RESTEasy, and its
 * connection closed a moment later, which ends the read of RESTEasy's worker.
 */
@ApplicationScoped
public class BodyDeadlineRoute {

    static final String HEADER = "X-Test-Body-Deadline-Ms";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String deadline = ctx.request().getHeader(HEADER);
            if (deadline != null) {
                HttpServerRequest req = ctx.request();
                ctx.vertx().setTimer(Long.parseLong(deadline), id -> {
                    if (req.isEnded() || ctx.response().ended()) {
                        return;
                    }
                    ctx.response().setStatusCode(408).putHeader("Content-Type", "application/problem+json")
                            .putHeader("Connection", "close").end("{\"status\":408}");
                    ctx.vertx().setTimer(200, x -> req.connection().close());
                });
            }
            ctx.next();
        });
    }
}
