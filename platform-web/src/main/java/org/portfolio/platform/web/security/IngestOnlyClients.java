package org.portfolio.platform.web.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.List;

/**
 * Clients that may only send records (review of issue 17, finding 3; docs/security.md T27): edfi-service's own client
 * {@code svc_edfi} is an SIS of every school so that performance-service takes the records the Ed-Fi door derived for
 * any school — but its token must not read student records anywhere, nor write Ed-Fi resources, nor call anything else.
 * Every service refuses such a client (403) on every operation except the few it needs
 * ({@code portfolio.security.ingest-only-operations}: performance-service's attendance and assessment ingestion and its
 * assessment corrections). The operation is matched exactly (method and path); anything else is refused.
 */
public class IngestOnlyClients {

    @Inject
    Caller caller;

    @ConfigProperty(name = "portfolio.security.ingest-only-operations", defaultValue = "POST /api/performance/ingest/attendance,"
            + "POST /api/performance/ingest/assessments,POST /api/performance/corrections/assessments")
    List<String> operations;

    @ServerRequestFilter
    public void refuseElsewhere(ContainerRequestContext request) {
        if (!caller.isIngestOnly()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String operation = request.getMethod() + " " + (path.startsWith("/") ? path : "/" + path);
        if (!operations.contains(operation)) {
            throw ProblemException.forbidden("Client " + caller.id() + " may only send records to performance-service's "
                    + "ingestion and corrections: it reads nothing and calls nothing else.");
        }
    }
}
