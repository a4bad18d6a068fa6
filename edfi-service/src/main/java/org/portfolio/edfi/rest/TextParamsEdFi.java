package org.portfolio.edfi.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.edfi.service.EdFiException;
import org.portfolio.platform.web.http.TextParams;
import org.portfolio.platform.web.json.UnacceptableTextException;

/**
 * platform-web's {@link TextParams} at the Ed-Fi door, in Ed-Fi's error shape (a {@code bad-request}), for every query
 * parameter: the Ed-Fi lists read them all as filters.
 */
public class TextParamsEdFi {

    @ServerRequestFilter(priority = TextParams.PRIORITY - 1)
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(EdFiEndpoints.BASE + "/") && !path.equals(EdFiEndpoints.BASE)) {
            return;
        }
        TextParams.unacceptableQuery(request.getUriInfo()).or(() -> TextParams.unacceptable(request.getUriInfo(), resource))
                .ifPresent(where -> {
            throw EdFiException.badRequest("The parameter " + where + " " + UnacceptableTextException.RULE + ".");
        });
    }
}
