package org.portfolio.edfi.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.edfi.service.EdFiException;
import org.portfolio.platform.web.http.TextParams;
import org.portfolio.platform.web.json.UnacceptableTextException;

/** platform-web's {@link TextParams} at the Ed-Fi door, in Ed-Fi's error shape (a {@code bad-request}). */
public class TextParamsEdFi {

    @ServerRequestFilter(preMatching = true, priority = TextParams.PRIORITY - 1)
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(EdFiEndpoints.BASE + "/") && !path.equals(EdFiEndpoints.BASE)) {
            return;
        }
        TextParams.unacceptable(request.getUriInfo()).ifPresent(where -> {
            throw EdFiException.badRequest("The parameter " + where + " " + UnacceptableTextException.RULE + ".");
        });
    }
}
