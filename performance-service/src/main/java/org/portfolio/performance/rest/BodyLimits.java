package org.portfolio.performance.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.performance.service.PerformanceConfig;
import org.portfolio.platform.web.http.BodySizeLimit;

import java.io.InputStream;

/**
 * The limit on JSON bodies of ordinary endpoints ({@code portfolio.performance.max-json-body-size}), answered as
 * problem+json (platform-web's {@link BodySizeLimit}). Uploads (an {@link InputStream} entity under
 * {@value #UPLOADS}) are streamed and limited by the ingestion service instead.
 */
@Provider
public class BodyLimits extends BodySizeLimit {

    static final String UPLOADS = "/api/performance/ingest/";

    /** Resolved per request: providers are created at static init, before runtime configuration exists. */
    @Inject
    Instance<PerformanceConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response contentLength(ContainerRequestContext request) {
        return checkContentLength(request);
    }

    @Override
    protected long limit() {
        return config.get().maxJsonBodySize().asLongValue();
    }

    @Override
    protected boolean appliesTo(String path) {
        return !path.startsWith(UPLOADS);
    }

    @Override
    protected boolean appliesTo(Class<?> entityType) {
        return entityType != InputStream.class;
    }
}
