package org.portfolio.edfi.rest;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.edfi.service.EdFiConfig;
import org.portfolio.platform.web.http.BodySizeLimit;

/** Ed-Fi documents and mappings are small: above {@code portfolio.edfi.max-body-size} (64 KB) a body is 413 problem+json. */
@Provider
public class BodyLimit extends BodySizeLimit {

    @Inject
    Instance<EdFiConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response contentLength(ContainerRequestContext request) {
        return checkContentLength(request);
    }

    @Override
    protected long limit() {
        return config.get().maxBodySize().asLongValue();
    }
}
