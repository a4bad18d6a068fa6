package org.portfolio.platform.web.http;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
            context.setInputStream(new Limited(context.getInputStream(), limit, () -> tooLarge(limit)));
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

    /**
     * Stops a body that grows past the limit while it is read. Once it has, closing it leaves the rest unread: Jackson
     * closes its source when a read fails, and RESTEasy's stream reads the body to its end when closed (blocking the
     * worker until the client ends it or the read times out), so the refusal waited for the whole body; one that never
     * ended (a chunked or HTTP/2 body still streaming) met the body deadline's 408 instead of the 413 (ninth pass, R8).
     * The answer closes the connection instead (HTTP/1.1: ProblemMappers, the gateway's OwnBodyLimit).
     */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private final java.util.function.Supplier<RuntimeException> refusal;
        private long count;
        private boolean refused;

        Limited(InputStream in, long limit, java.util.function.Supplier<RuntimeException> refusal) {
            super(in);
            this.limit = limit;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > limit) {
                refused = true;
                throw refusal.get();
            }
        }

        @Override
        public void close() throws IOException {
            if (!refused) {
                super.close();
            }
        }
    }
}
