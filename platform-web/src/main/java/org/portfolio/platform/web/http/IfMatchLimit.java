package org.portfolio.platform.web.http;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.problem.ProblemException;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code If-Match} is at most {@link EntityTags#IF_MATCH_MAX_LENGTH} characters, as every operation that takes it
 * declares ({@code maxLength}, fourteenth pass: OWASP's API ruleset asks every input for a bound, and a bound declared
 * must be the one enforced). An ETag here is a version number, so a longer one can only be a list of guesses: it is
 * refused with 400 before the resource is read, instead of being searched for the current version. Only operations
 * that take the header (a {@code @HeaderParam("If-Match")}, or an {@code If-Match} {@code @Parameter} as Ed-Fi's
 * resources declare it) check it: any other ignores it, as before (a 400 there would be an answer it does not declare).
 */
public class IfMatchLimit {

    private static final String IF_MATCH = "If-Match";
    private final Map<Method, Boolean> takesIt = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        List<String> values = request.getHeaders().get(IF_MATCH);
        if (values == null || values.isEmpty()) {
            return;
        }
        int length = String.join(", ", values).length();
        if (length > EntityTags.IF_MATCH_MAX_LENGTH && resource.getResourceMethod() != null
                && takesIt.computeIfAbsent(resource.getResourceMethod(), IfMatchLimit::takesIfMatch)) {
            throw ProblemException.invalid(IF_MATCH, "is longer than " + EntityTags.IF_MATCH_MAX_LENGTH
                    + " characters: send the one ETag you read");
        }
    }

    static boolean takesIfMatch(Method m) {
        for (Annotation[] param : m.getParameterAnnotations()) {
            for (Annotation a : param) {
                if (a instanceof HeaderParam h && IF_MATCH.equalsIgnoreCase(h.value())) {
                    return true;
                }
            }
        }
        Parameters all = m.getAnnotation(Parameters.class);
        for (Parameter p : all != null ? all.value() : m.getAnnotationsByType(Parameter.class)) {
            if (IF_MATCH.equalsIgnoreCase(p.name())) {
                return true;
            }
        }
        return false;
    }
}
