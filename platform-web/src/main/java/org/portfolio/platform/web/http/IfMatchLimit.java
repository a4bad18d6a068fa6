package org.portfolio.platform.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.List;

/**
 * {@code If-Match} is at most {@link EntityTags#IF_MATCH_MAX_LENGTH} characters, as every operation that takes it
 * declares ({@code maxLength}, fourteenth pass: OWASP's API ruleset asks every input for a bound, and a bound declared
 * must be the one enforced). An ETag here is a version number, so a longer one can only be a list of guesses: it is
 * refused with 400 before the resource is read, whatever the operation, instead of being searched for the current
 * version.
 */
public class IfMatchLimit {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get("If-Match");
        if (values == null || values.isEmpty()) {
            return;
        }
        int length = String.join(", ", values).length();
        if (length > EntityTags.IF_MATCH_MAX_LENGTH) {
            throw ProblemException.invalid("If-Match", "is longer than " + EntityTags.IF_MATCH_MAX_LENGTH
                    + " characters: send the one ETag you read");
        }
    }
}
