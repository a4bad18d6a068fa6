package org.portfolio.performance.rest;

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
import org.portfolio.performance.service.PerformanceConfig;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.platform.web.problem.ProblemType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Body size limits answered as problem+json. Vert.x's own limit (quarkus.http.limits.max-body-size) answers with
 * a bare 413 before any of this code runs, so it is set above the upload limit, and the limits are enforced here:
 * JSON bodies of ordinary endpoints by Content-Length up front and by counting while Jackson reads (chunked
 * bodies); uploads (an {@link InputStream} entity) by the ingestion service, which streams them.
 */
@Provider
public class BodyLimits implements ReaderInterceptor {

    static final String UPLOADS = "/api/performance/ingest/";

    /** Resolved per request: providers are created at static init, before runtime configuration exists. */
    @Inject
    Instance<PerformanceConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response checkContentLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || request.getUriInfo().getPath().startsWith(UPLOADS)) {
            return null;
        }
        long limit = config.get().maxJsonBodySize().asLongValue();
        try {
            if (Long.parseLong(length.trim()) <= limit) {
                return null;
            }
        } catch (NumberFormatException e) {
            return null; // Vert.x rejects a malformed Content-Length itself
        }
        return ProblemMappers.response(ProblemType.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + limit + " bytes",
                List.of(), request.getUriInfo()).header("Connection", "close").build();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() != InputStream.class) {
            context.setInputStream(new Limited(context.getInputStream(), config.get().maxJsonBodySize().asLongValue()));
        }
        return context.proceed();
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
                throw new ClientErrorException("Request bodies are limited to " + limit + " bytes",
                        Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
        }
    }
}
