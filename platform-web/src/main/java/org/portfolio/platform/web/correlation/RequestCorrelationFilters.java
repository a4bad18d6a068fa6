package org.portfolio.platform.web.correlation;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Reads or creates X-Request-Id and traceparent for each request and echoes the request id in the answer. */
public class RequestCorrelationFilters {

    @ServerRequestFilter(preMatching = true)
    public void begin(ContainerRequestContext request) {
        RequestCorrelation.begin(request.getHeaderString(RequestCorrelation.REQUEST_ID_HEADER),
                request.getHeaderString(RequestCorrelation.TRACEPARENT_HEADER));
    }

    @ServerResponseFilter
    public void echo(ContainerResponseContext response) {
        response.getHeaders().putSingle(RequestCorrelation.REQUEST_ID_HEADER, RequestCorrelation.requestId());
    }
}
