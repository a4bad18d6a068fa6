package org.portfolio.edfi.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.edfi.service.DerivationStatusService;
import org.portfolio.edfi.service.Derivations;
import org.portfolio.platform.web.security.Roles;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The derivation queue seen from outside (decision 0009): writes are answered once stored and their derived records
 * follow within seconds; the status says how far behind they are (a test or a client waits for {@code pending} 0), the
 * problems list the records performance-service rejected. Errors are the suite's problem+json.
 */
@Path("/edfi/derivations")
@Tag(name = "Ed-Fi derivations", description = "The records derived from Ed-Fi writes on their way to performance-service")
public class DerivationsResource {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    @Schema(name = "EdFiDerivationStatus", description = "The queue of records to derive and send to performance-service")
    public record StatusResponse(@Schema(required = true, description = "Queued records still to send (a record written several times counts each write until it is sent)", minimum = "0") long pending,
                                 @Schema(required = true, description = "Of those, the ones due now (the others wait for a retry)", minimum = "0") long due,
                                 @Schema(description = "When the oldest queued write was stored (absent when nothing is queued)") Instant oldestQueuedAt,
                                 @Schema(required = true, description = "Seconds since the oldest queued write was stored (0 when nothing is queued)", minimum = "0") long lagSeconds,
                                 @Schema(description = "When this instance's deriver last looked at the queue (absent before its first pass)") Instant lastPassAt,
                                 @Schema(required = true, description = "Records performance-service rejected (GET /edfi/derivations/problems)", minimum = "0") long problems) {
    }

    @Schema(name = "EdFiDerivationProblem", description = "A derived record that did not reach performance-service: it rejected the record (REJECTED), "
            + "or deriving it failed max-attempts times and it left the queue (DERIVATION_FAILED). Fix the Ed-Fi data (or the mapping) and post it again")
    public record ProblemResponse(@Schema(required = true, enumeration = {"ATTENDANCE", "ASSESSMENT"}) String kind,
                                  @Schema(required = true, enumeration = {"REJECTED", "DERIVATION_FAILED"}, description = "REJECTED: performance-service "
                                          + "rejected the record; DERIVATION_FAILED: the record could not be derived from the stored documents (parked, never sent)") String reason,
                                  @Schema(description = "The Ed-Fi school of the record (absent when it is not known)") Long edfiSchoolId,
                                  @Schema(required = true, description = "Ed-Fi's school year (the year it ends)") int schoolYear,
                                  @Schema(required = true) String studentUniqueId,
                                  @Schema(description = "ASSESSMENT: the assessment's namespace") String namespace,
                                  @Schema(description = "ASSESSMENT: the assessment's identifier") String assessmentIdentifier,
                                  @Schema(required = true, description = "performance-service's status (422 a row it rejected; 0 for DERIVATION_FAILED: never sent)", minimum = "0") int status,
                                  @Schema(description = "The field performance-service named") String field,
                                  @Schema(required = true) String message,
                                  @Schema(description = "The API client whose write queued the record last (of the record's queued writes, the latest)") String clientId,
                                  @Schema(required = true) Instant occurredAt) {
    }

    @Inject
    DerivationStatusService service;

    @Inject
    Derivations derivations;

    @Inject
    ObjectMapper mapper;

    @GET
    @Path("/status")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiDerivationStatus", summary = "How far behind the derived records are",
            description = "Writes are answered once the Ed-Fi resource is stored; the records derived from them reach "
                    + "performance-service within seconds. pending 0 means every write so far is reflected in the suite's numbers "
                    + "(or reported as a problem). A DISTRICT_ADMIN sees the whole queue, an SIS the records (and problems) of Ed-Fi "
                    + "schools mapped to schools of its scope.")
    public StatusResponse status() {
        org.portfolio.edfi.domain.QueueStatus s = service.status();
        long lag = s.oldestQueuedAt() == null ? 0 : Math.max(0, Duration.between(s.oldestQueuedAt(), clock.instant()).toSeconds());
        return new StatusResponse(s.pending(), s.due(), s.oldestQueuedAt(), lag, derivations.lastPassAt(), s.problems());
    }

    @GET
    @Path("/problems")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiDerivationProblems", summary = "Derived records that did not reach performance-service",
            description = "Newest first. `reason` REJECTED: performance-service rejected the record; DERIVATION_FAILED: deriving it failed "
                    + "`portfolio.edfi.deriver.max-attempts` times (a stored document it rests on cannot be read) and it left the queue. A DISTRICT_ADMIN sees every record, an SIS those of Ed-Fi schools mapped to schools of its "
                    + "scope. A record leaves the list when it is sent successfully (post the Ed-Fi resource again once fixed).")
    public List<ProblemResponse> problems(
            @Parameter(description = "Records to skip") @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100_000_000) int offset,
            @Parameter(description = "Page size") @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return service.problems(offset, limit).stream().map(this::of).toList();
    }

    private ProblemResponse of(org.portfolio.edfi.domain.DerivationProblem p) {
        JsonNode k;
        try {
            k = mapper.readTree(p.recordKey());
        } catch (IOException e) {
            throw new IllegalStateException("queued record key is not JSON", e);
        }
        if (Derivations.ATTENDANCE.equals(p.kind())) {
            return new ProblemResponse(p.kind(), p.reason(), p.edfiSchoolId(), k.path(1).asInt(), k.path(2).asText(), null, null, p.status(),
                    p.field(), p.message(), p.clientId(), p.occurredAt());
        }
        return new ProblemResponse(p.kind(), p.reason(), p.edfiSchoolId(), k.path(3).asInt(), k.path(2).asText(), k.path(0).asText(),
                k.path(1).asText(), p.status(), p.field(), p.message(), p.clientId(), p.occurredAt());
    }
}
