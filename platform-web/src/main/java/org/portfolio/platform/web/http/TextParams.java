package org.portfolio.platform.web.http;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.json.StrictStrings;
import org.portfolio.platform.web.json.UnacceptableTextException;
import org.portfolio.platform.web.problem.FieldError;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.problem.ProblemType;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Query and path parameters are text, as JSON strings are ({@link StrictStrings}): one the matched operation declares
 * that holds a NUL ({@code %00}) or an unpaired surrogate is refused with 400 naming the parameter, before the resource
 * or the database sees it. PostgreSQL cannot store a NUL: a search such as {@code ?externalRef=%00} reached it and was
 * a 500 with a stack trace in the log, in four services and at least eleven operations (hostile review of the
 * twenty-fourth pass, N1). After matching and the security checks, and only the operation's own parameters (hostile
 * read of the fix, T1: as a pre-matching filter it answered 400 before 401 or 404, and for operations whose document
 * declares no 400, to a parameter they ignore).
 */
public class TextParams {

    /** After the request id is taken ({@code RequestCorrelationFilters}); a service's own check in its shape before. */
    public static final int PRIORITY = Priorities.USER + 200;

    private static final Map<Method, List<String[]>> DECLARED = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = PRIORITY)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Optional<String> bad = unacceptable(request.getUriInfo(), resource);
        if (bad.isPresent()) {
            String where = bad.get();
            throw new ProblemException(ProblemType.VALIDATION, where + ": " + UnacceptableTextException.RULE,
                    List.of(new FieldError(where, UnacceptableTextException.RULE)), Map.of());
        }
    }

    /** The first query or path parameter of the matched operation whose value is not text. */
    public static Optional<String> unacceptable(UriInfo uri, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return Optional.empty();
        }
        for (String[] p : DECLARED.computeIfAbsent(method, TextParams::declared)) {
            List<String> values = p[0].equals("query") ? uri.getQueryParameters().get(p[1]) : uri.getPathParameters().get(p[1]);
            for (String value : values == null ? List.<String>of() : values) {
                if (value != null && !StrictStrings.acceptable(value)) {
                    return Optional.of(p[1]);
                }
            }
        }
        return Optional.empty();
    }

    /** Every query parameter (name or value) that is not text: for a resource that reads them all (the Ed-Fi lists). */
    public static Optional<String> unacceptableQuery(UriInfo uri) {
        for (Map.Entry<String, List<String>> e : uri.getQueryParameters().entrySet()) {
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

    private static List<String[]> declared(Method method) {
        List<String[]> out = new ArrayList<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    out.add(new String[] {"query", q.value()});
                } else if (a instanceof PathParam p) {
                    out.add(new String[] {"path", p.value()});
                }
            }
        }
        return out;
    }
}
