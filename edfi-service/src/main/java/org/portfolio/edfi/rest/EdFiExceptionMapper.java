package org.portfolio.edfi.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.portfolio.edfi.service.EdFiException;
import org.portfolio.platform.web.correlation.RequestCorrelation;

/** Ed-Fi errors as problem+json in Ed-Fi's shape. */
@Provider
public class EdFiExceptionMapper implements ExceptionMapper<EdFiException> {

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(EdFiException e) {
        String id = RequestCorrelation.requestId();
        Response.ResponseBuilder rb = Response.status(e.status()).type("application/problem+json")
                .entity(new EdFiProblem(e.type(), e.title(), e.status(), e.getMessage(), uri == null ? null : "/" + uri.getPath().replaceFirst("^/", ""),
                        id, id, e.validationErrors().isEmpty() ? null : e.validationErrors()));
        if (e.status() == 503) {
            rb.header("Retry-After", "5");
        }
        return rb.build();
    }
}
