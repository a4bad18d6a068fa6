package org.portfolio.platform.web.http;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.IOException;
import java.util.List;

/**
 * A service's limit on request bodies, answered as 413 payload-too-large problem+json: by Content-Length before
 * anything is read, and by counting while Jackson reads a chunked body. Vert.x's own limit
 * ({@code quarkus.http.limits.max-body-size}) answers a bare 413 before any of this runs, so a service sets it above
 * this one. A service extends it as a {@code @Provider} with its limit, and declares the pre-matching filter that calls
 * {@link #checkContentLength} (RESTEasy Reactive reads {@code @ServerRequestFilter} from the provider's own methods).
 */
public abstract class BodySizeLimit implements ReaderInterceptor {

    /** The limit in bytes, read per request (providers exist before runtime configuration does). */
    protected abstract long limit();

    /** Whether the limit applies to a request of this path (false: its body is streamed and limited elsewhere). */
    protected boolean appliesTo(String path) {
        return true;
    }

    /** Whether the limit applies to an entity read as this type (false: an InputStream handed to the resource). */
    protected boolean appliesTo(Class<?> entityType) {
        return true;
    }

    /** 413 when the declared Content-Length is over the limit; null (go on) otherwise. */
    protected Response checkContentLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !appliesTo(request.getUriInfo().getPath())) {
            return null;
        }
        long limit = limit();
        try {
            if (Long.parseLong(length.trim()) <= limit) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null; // Vert.x rejects a malformed Content-Length itself
        }
        return ProblemMappers.response(ProblemType.PAYLOAD_TOO_LARGE, message(limit), List.of(), request.getUriInfo())
                .header("Connection", "close").build();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (appliesTo(context.getType())) {
            long limit = limit();
            long[] read = {0};
            context.setInputStream(new CountedBody(context.getInputStream(), n -> {
                read[0] += n;
                if (read[0] > limit) {
                    throw tooLarge(limit);
                }
            }));
        }
        return context.proceed();
    }

    /**
     * What a body that grows past the limit while it is read throws. Jackson wraps it in the JsonMappingException of
     * the field it was reading; {@link ProblemMappers} answers the refusal inside.
     */
    protected RuntimeException tooLarge(long limit) {
        return new ClientErrorException(message(limit), Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    public static String message(long limit) {
        return "Request bodies are limited to " + limit + " bytes";
    }
}
