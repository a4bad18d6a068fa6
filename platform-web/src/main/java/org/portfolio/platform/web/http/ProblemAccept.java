package org.portfolio.platform.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Locale;

/**
 * A caller that accepts {@code application/problem+json} accepts the operation's own answer too. Clients generated
 * from the published document send as {@code Accept} the media types the operation declares: for a 204 (which has no
 * body) that is only the errors' {@code application/problem+json}, and some generators pick it among
 * {@code text/csv, application/problem+json} as "the JSON one". Read strictly, each such call was a 406 the document
 * does not declare (outside review of 2026-12-06, eighth pass: every DELETE and both CSV exports, from the Java, C#,
 * Kotlin and Python clients). Errors are problem+json whatever the Accept, as before.
 */
public class ProblemAccept {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerRequestFilter(preMatching = true)
    public void widen(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String joined = String.join(", ", accept);
        if (joined.length() <= 2_000 && joined.toLowerCase(Locale.ROOT).contains(PROBLEM_JSON)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, joined + ", */*;q=0.01");
        }
    }
}
