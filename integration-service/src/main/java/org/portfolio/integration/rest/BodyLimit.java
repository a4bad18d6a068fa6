package org.portfolio.integration.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.integration.service.IntegrationConfig;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The service's request bodies (a subscription, a replay cursor) are small: above
 * {@code portfolio.integration.webhooks.max-body-size} (64 KB) they are 413 payload-too-large problem+json, by
 * Content-Length before anything is read, or by counting while Jackson reads a chunked one. (Vert.x's own limit,
 * 10 MB, would answer a bare 413.)
 */
@Provider
public class BodyLimit implements ReaderInterceptor {

    /** Resolved per request: providers are created at static init, before runtime configuration exists. */
    @Inject
    Instance<IntegrationConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response checkContentLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
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
        context.setInputStream(new Limited(context.getInputStream(), limit()));
        return context.proceed();
    }

    private long limit() {
        return config.get().webhooks().maxBodySize().asLongValue();
    }

    static String message(long limit) {
        return "Request bodies are limited to " + limit + " bytes";
    }

    /** Stops a body that grows past the limit while it is read. */
    static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
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
                // a WebApplicationException passes through body deserialisation with its status (others become 400)
                throw new ClientErrorException(message(limit), Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
        }
    }
}
