package org.portfolio.platform.web.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.portfolio.platform.web.problem.ProblemException;

import java.util.List;
import java.util.Set;

/**
 * Clients that may only send records (review of issue 17, finding 3; docs/security.md T27): edfi-service's own client
 * {@code svc_edfi} is an SIS of every school so that performance-service takes the records the Ed-Fi door derived for
 * any school — but its token must not read student records anywhere, nor write Ed-Fi resources, nor call anything else.
 * Every service refuses such a client (403) on every operation except the few it needs ({@link #OPERATIONS}:
 * performance-service's attendance and assessment ingestion and its assessment and attendance corrections, where it may
 * only retract and reads no value: an attendance record whose Ed-Fi school was mapped to another school is retracted at
 * the first, twenty-seventh pass, Q5). The operation is matched exactly (method and path); anything else is refused.
 *
 * <p>One source of truth (review of edfi5, M3): the client id ({@link #EDFI_SERVICE_CLIENT}) and the operations are
 * constants of this class, which the gateway (creating the client), edfi-service (using it) and every service
 * (restricting it) read — none of them is a setting, so no deployment can rename the client in one place and not the
 * others, nor widen what it may call. {@link IngestOnlySettings} refuses to start a service whose configuration still
 * tries to (the settings of earlier versions).
 */
public class IngestOnlyClients {

    /** edfi-service's own client: created by the gateway, used by edfi-service's deriver, ingest-only everywhere. */
    public static final String EDFI_SERVICE_CLIENT = "svc_edfi";

    /** The ingest-only clients. */
    public static final Set<String> CLIENTS = Set.of(EDFI_SERVICE_CLIENT);

    /** What they may call, exactly (method and path). */
    public static final List<String> OPERATIONS = List.of("POST /api/performance/ingest/attendance",
            "POST /api/performance/ingest/assessments", "POST /api/performance/corrections/assessments",
            "POST /api/performance/corrections/attendance");

    @Inject
    Caller caller;

    @ServerRequestFilter
    public void refuseElsewhere(ContainerRequestContext request) {
        if (!caller.isIngestOnly()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        String operation = request.getMethod() + " " + (path.startsWith("/") ? path : "/" + path);
        if (!OPERATIONS.contains(operation)) {
            throw ProblemException.forbidden("Client " + caller.id() + " may only send records to performance-service's "
                    + "ingestion and corrections: it reads nothing and calls nothing else.");
        }
    }
}
