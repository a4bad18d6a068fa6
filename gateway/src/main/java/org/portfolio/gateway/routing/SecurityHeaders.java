package org.portfolio.gateway.routing;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * The response headers every answer through the gateway carries, whoever wrote it: a service (proxied), the gateway's
 * own resources, its edge problems (401, 413, 429 …), Swagger UI (docs/security.md T31; OWASP's REST security
 * headers). Set when the answer's headers are written, so a service's copied headers cannot drop them:
 * <ul>
 *   <li>{@code Cache-Control: no-store} on the answer to every request that carried credentials
 *       ({@code Authorization}), replacing whatever the answer said (a service's {@code public} would let a shared
 *       cache serve it to others: review of the thirteenth pass): such answers are per caller and may hold student
 *       records, an applicant's result or a webhook's secret, and a browser or an intermediary must not keep them.
 *       Anonymous answers (public figures, the documents) keep their own or HTTP's defaults;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}: a browser never reads JSON or CSV as HTML or script;</li>
 *   <li>no framing ({@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}) and, but for Swagger UI's page,
 *       which runs its own scripts, {@code default-src 'none'}: nothing an answer holds is loaded or run as a page;</li>
 *   <li>{@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * {@code Strict-Transport-Security} belongs to the TLS terminator in front of the gateway (the deployment's).
 */
final class SecurityHeaders {

    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    static final String PAGE_POLICY = "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** Called first for every request: the headers are added as the answer's are written, whichever handler answers. */
    static void onAnswer(RoutingContext ctx) {
        boolean credentials = ctx.request().headers().contains(HttpHeaders.AUTHORIZATION);
        String path;
        try {
            path = ctx.normalizedPath(); // the path as routed: /q/swagger-ui/%2e%2e/… is not Swagger UI's page
        } catch (IllegalArgumentException badEscape) {
            path = null;
        }
        boolean page = path != null && (path.equals("/q/swagger-ui") || path.startsWith("/q/swagger-ui/"));
        ctx.addHeadersEndHandler(v -> apply(ctx.response().headers(), credentials, page));
    }

    static void apply(MultiMap headers, boolean credentials, boolean page) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", page ? PAGE_POLICY : API_POLICY);
        headers.set("Referrer-Policy", "no-referrer");
        if (credentials) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store"); // whatever the answer said: a service's "public" too
        }
    }
}
