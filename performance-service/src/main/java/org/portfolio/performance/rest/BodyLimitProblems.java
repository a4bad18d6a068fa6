package org.portfolio.performance.rest;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.portfolio.platform.web.problem.ProblemMappers;
import org.portfolio.platform.web.problem.ProblemType;

import java.util.List;
import java.util.Optional;

/**
 * A body that outgrows its limit while Jackson reads it (a chunked request, see {@link BodyLimits}) surfaces wrapped
 * in Jackson's mapping exception, which the shared mappers would answer as a 400. These mappers, ahead of the
 * shared ones, find the 413 inside; every other case is answered exactly as the shared mappers answer it.
 */
public class BodyLimitProblems {

    private final ProblemMappers shared = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        return tooLarge(e, uri).orElseGet(() -> shared.jsonMapping(e, uri));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response web(WebApplicationException e, UriInfo uri) {
        return tooLarge(e, uri).orElseGet(() -> shared.web(e, uri));
    }

    private static Optional<Response> tooLarge(Throwable e, UriInfo uri) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() == 413) {
                return Optional.of(ProblemMappers.response(ProblemType.PAYLOAD_TOO_LARGE, w.getMessage(), List.of(), uri)
                        .header("Connection", "close").build());
            }
        }
        return Optional.empty();
    }
}
