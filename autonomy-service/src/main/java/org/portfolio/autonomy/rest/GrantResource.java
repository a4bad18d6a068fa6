package org.portfolio.autonomy.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.service.GrantService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/autonomy/grants")
@Tag(name = "Grants", description = "Autonomy grants per school and domain, their history and causes; manual grant, revoke, reinstate, end")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GrantResource {

    @Inject
    GrantService grants;

    @Inject
    Caller caller;

    @Inject
    org.portfolio.autonomy.service.EligibilityService eligibility;

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "List grants", description = "One page of autonomy grants (school, domain or decisions, model, "
            + "source, term, status and the cause of its latest change), newest first; the filters combine. A school "
            + "leader sees only its own schools' grants (403 for another school's schoolId).")
    @APIResponse(responseCode = "200", description = "One page of grants")
    public Page<GrantResponse> list(@Parameter(description = "School id", schema = @Schema(implementation = UUID.class))
                                    @QueryParam("schoolId") String schoolId,
                                    @Parameter(description = "Autonomy domain", schema = @Schema(implementation = AutonomyDomain.class))
                                    @QueryParam("domain") String domain,
                                    @Parameter(description = "Grant status", schema = @Schema(implementation = GrantStatus.class))
                                    @QueryParam("status") String status,
                                    @Parameter(description = "Grant model", schema = @Schema(implementation = GrantModel.class))
                                    @QueryParam("model") String model,
                                    @Parameter(description = "Where the grant comes from", schema = @Schema(implementation = GrantSource.class))
                                    @QueryParam("source") String source,
                                    @Parameter(description = "Contract id (grants of its provisions)", schema = @Schema(implementation = UUID.class))
                                    @QueryParam("contractId") String contractId,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Set<UUID> schools = RestSupport.visibleSchools(caller, RestSupport.uuid(schoolId, "schoolId"));
        if (schools != null && schools.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        PanacheQuery<Grant> q = grants.search(schools, RestSupport.enumOf(AutonomyDomain.class, domain, "domain"),
                RestSupport.enumOf(GrantStatus.class, status, "status"), RestSupport.enumOf(GrantModel.class, model, "model"),
                RestSupport.enumOf(GrantSource.class, source, "source"), RestSupport.uuid(contractId, "contractId"));
        List<Grant> items = q.page(io.quarkus.panache.common.Page.of(page, size)).list();
        return new Page<>(items.stream().map(GrantResponse::of).toList(), page, size, q.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Get a grant", description = "One grant with the cause of its latest change and, when "
            + "REVOKED, the missed benchmarks that hold it revoked and whether it comes back by itself once they are "
            + "met. The ETag is its version: send it as If-Match with a change.")
    @APIResponse(responseCode = "200", description = "The grant; ETag is its version", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Grant g = grants.get(id);
        caller.requireSchool(g.schoolId);
        return Response.ok(GrantResponse.of(g, grants.openMisses(id), eligibility.reinstatesWhenMet(g)))
                .tag(EntityTags.of(g.version)).build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A grant's full history", description = "Every change of the grant, oldest first: the "
            + "action, the status before (absent for its creation) and after, and the stored cause (the event that "
            + "caused it and what it said, or a person's reason).")
    @APIResponse(responseCode = "200", description = "The history")
    public List<GrantHistoryResponse> history(@PathParam("id") UUID id) {
        Grant g = grants.get(id);
        caller.requireSchool(g.schoolId);
        return grants.historyOf(id).stream().map(GrantHistoryResponse::of).toList();
    }

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Grant autonomy manually", description = "Creates an ACTIVE grant with source MANUAL on a "
            + "domain (or some of its decisions) for a school, from effectiveFrom (default today) to effectiveTo (absent: "
            + "open-ended; a day already past, or before effectiveFrom, is 400 validation); the reason is stored as its "
            + "cause. Publishes AutonomyGranted. Returns the grant; Location names it.")
    @APIResponse(responseCode = "201", description = "Granted; Location names it", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    @APIResponse(responseCode = "409", description = "The school is closed (school-closed), or already holds a live grant on these decisions (overlapping-grant)")
    @APIResponse(responseCode = "422", description = "The school is unknown to the autonomy service, or a decision is not in the current catalog under this domain")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "spring semester staffing", value = GrantExamples.MANUAL_GRANT)))
    public Response grant(@Valid @NotNull ManualGrantRequest r, @Context UriInfo uri) {
        caller.requireSchool(r.schoolId());
        Grant g = grants.manualGrant(r.schoolId(), r.domain(), r.model(), r.decisions(), r.scope(), r.effectiveFrom(),
                r.effectiveTo(), r.reason(), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(g.id.toString()).build())
                .tag(EntityTags.of(g.version)).entity(GrantResponse.of(g)).build();
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Revoke a grant manually", description = "ACTIVE → REVOKED with the reason as cause; it "
            + "comes back only by a manual reinstatement (never by a met benchmark). Publishes AutonomyRevoked; the "
            + "decision-rights check answers DISTRICT at once. Returns the grant.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    @APIResponse(responseCode = "409", description = "The grant is not ACTIVE (invalid-grant-transition), or it changed concurrently (concurrent-modification)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "notice of concern", value = GrantExamples.REVOKE)))
    public Response revoke(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ReasonRequest r) {
        decidesFor(id);
        return answer(grants.manualRevoke(id, ifMatch, r.reason(), caller.id()));
    }

    @POST
    @Path("/{id}/reinstate")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Reinstate a revoked grant", description = "REVOKED → ACTIVE with the reason as cause; "
            + "clears the missed benchmarks that held it. Publishes AutonomyReinstated. Returns the grant.")
    @APIResponse(responseCode = "200", description = "Reinstated", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    @APIResponse(responseCode = "409", description = "The grant is not REVOKED (invalid-grant-transition)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "corrective plan completed", value = GrantExamples.REINSTATE)))
    public Response reinstate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ReasonRequest r) {
        decidesFor(id);
        return answer(grants.manualReinstate(id, ifMatch, r.reason(), caller.id()));
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Grant a pending grant now", description = "PENDING → ACTIVE without waiting for its "
            + "eligibility (an EARNED grant the ratings have not earned yet), with the reason as cause. Publishes "
            + "AutonomyGranted. Returns the grant.")
    @APIResponse(responseCode = "200", description = "Granted", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    @APIResponse(responseCode = "409", description = "The grant is not PENDING (invalid-grant-transition)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "audit passed", value = GrantExamples.ACTIVATE)))
    public Response activate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ReasonRequest r) {
        decidesFor(id);
        return answer(grants.manualActivate(id, ifMatch, r.reason(), caller.id()));
    }

    @POST
    @Path("/{id}/end")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "End a grant", description = "PENDING, ACTIVE or REVOKED → ENDED (final) with the reason "
            + "as cause. Publishes AutonomyEnded if it was ever granted (not for a grant that stayed PENDING). Returns "
            + "the grant.")
    @APIResponse(responseCode = "200", description = "Ended", content = @Content(schema = @Schema(implementation = GrantResponse.class)))
    @APIResponse(responseCode = "409", description = "The grant has already ended (invalid-grant-transition)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "contract renewed", value = GrantExamples.END)))
    public Response end(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ReasonRequest r) {
        decidesFor(id);
        return answer(grants.manualEnd(id, ifMatch, r.reason(), caller.id()));
    }

    /** 403 unless the caller decides for the grant's school (an authorizer: a school of its oversight bodies). */
    private void decidesFor(UUID grantId) {
        if (!caller.isDistrictWide()) {
            caller.requireSchool(grants.schoolIdOf(grantId));
        }
    }

    private Response answer(Grant g) {
        return Response.ok(GrantResponse.of(g, grants.openMisses(g.id), eligibility.reinstatesWhenMet(g)))
                .tag(EntityTags.of(g.version)).build();
    }
}
