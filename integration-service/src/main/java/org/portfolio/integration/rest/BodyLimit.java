package org.portfolio.integration.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.integration.service.IntegrationConfig;
import org.portfolio.platform.web.http.BodySizeLimit;

/**
 * The service's request bodies (a subscription, a replay cursor) are small: above
 * {@code portfolio.integration.webhooks.max-body-size} (64 KB) they are 413 payload-too-large problem+json
 * (platform-web's {@link BodySizeLimit}).
 */
@Provider
public class BodyLimit extends BodySizeLimit {

    /** Resolved per request: providers are created at static init, before runtime configuration exists. */
    @Inject
    Instance<IntegrationConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response contentLength(ContainerRequestContext request) {
        return checkContentLength(request);
    }

    @Override
    protected long limit() {
        return config.get().webhooks().maxBodySize().asLongValue();
    }
}
