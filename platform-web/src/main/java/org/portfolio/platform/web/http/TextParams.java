package org.portfolio.platform.web.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.json.StrictStrings;
import org.portfolio.platform.web.json.UnacceptableTextException;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query and path parameters are text, as JSON strings are ({@link StrictStrings}): one holding a NUL ({@code %00}) or an
 * unpaired surrogate is refused with 400 naming the parameter, before a resource or the database sees it. PostgreSQL
 * cannot store a NUL: a search such as {@code ?externalRef=%00} reached it and was a 500 with a stack trace in the log,
 * in four services and at least eleven operations (hostile review of the twenty-fourth pass, N1).
 */
public class TextParams {

    /** After the request id is taken ({@code RequestCorrelationFilters}); a service's own check in its shape before. */
    public static final int PRIORITY = Priorities.USER + 200;

    @ServerRequestFilter(preMatching = true, priority = PRIORITY)
    public void check(ContainerRequestContext request) {
        Optional<String> bad = unacceptable(request.getUriInfo());
        if (bad.isPresent()) {
            String where = bad.get();
            throw new ProblemException(ProblemType.VALIDATION, where + ": " + UnacceptableTextException.RULE,
                    List.of(new FieldError(where, UnacceptableTextException.RULE)), Map.of());
        }
    }

    /**
     * The first query parameter whose name or a value is not text ({@code query} when it is the name itself), or
     * {@code path} when the decoded path is not.
     */
    public static Optional<String> unacceptable(UriInfo uri) {
        if (!StrictStrings.acceptable(uri.getPath())) {
            return Optional.of("path");
        }
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!StrictStrings.acceptable(e.getKey())) {
                return Optional.of("query");
            }
            for (String value : e.getValue()) {
                if (value != null && !StrictStrings.acceptable(value)) {
                    return Optional.of(e.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
