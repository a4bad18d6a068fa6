package org.portfolio.contracts.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.contracts.domain.Evidence;
import org.portfolio.contracts.domain.School;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolStatusDecision;
import org.portfolio.contracts.domain.SchoolType;
import org.portfolio.contracts.service.ContractQueries;
import org.portfolio.contracts.service.EvidenceService;
import org.portfolio.contracts.service.SchoolCalendar;
import org.portfolio.contracts.service.SchoolRegistryService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/schools")
@Tag(name = "School registry", description = "Every public school of the district and the oversight decisions on it")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    SchoolRegistryService registry;

    @Inject
    EvidenceService evidence;

    @Inject
    ContractQueries queries;

    @Inject
    SchoolCalendar calendar;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Register a school", description = "A new school is PROPOSED; publishes SchoolRegistered")
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "District code or NCES id already registered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The oversight body does not exist", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@Valid @NotNull SchoolRequest r, @Context UriInfo uri) {
        School s = registry.register(details(r), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .tag(EntityTags.of(s.version)).entity(SchoolResponse.of(s)).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "List schools", description = "Public: the school directory is open data. Ordered by name.")
    @APIResponse(responseCode = "200", description = "One page of schools")
    @APIResponse(responseCode = "400", description = "A filter or paging value is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<SchoolResponse> list(
            @Parameter(description = "PROPOSED, OPEN, CLOSING or CLOSED", example = "OPEN") @QueryParam("status") String status,
            @Parameter(description = "DISTRICT, CHARTER, INNOVATION, CONTRACT or MAGNET", example = "CHARTER") @QueryParam("type") String type,
            @Parameter(description = "Oversight body id") @QueryParam("oversightBodyId") String oversightBodyId,
            @Parameter(description = "Attendance zone", example = "EAST") @QueryParam("zone") @Size(max = 60) String zone,
            @Parameter(description = "Part of the name or district code", example = "eastside") @QueryParam("q") @Size(max = 200) String q,
            @Parameter(description = "Page number from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        var filter = new SchoolRegistryService.Filter(Params.enumValue(SchoolStatus.class, status, "status"),
                Params.enumValue(SchoolType.class, type, "type"), Params.uuid(oversightBodyId, "oversightBodyId"),
                blankToNull(zone), blankToNull(q));
        return registry.list(filter, page, size).map(SchoolResponse::of);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a school", description = "Public: the school directory is open data")
    @APIResponse(responseCode = "200", description = "The school; ETag is its version",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        School s = registry.get(id);
        return Response.ok(SchoolResponse.of(s)).tag(EntityTags.of(s.version)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Update a school's details", description = "Not its status (that is a decision). Publishes "
            + "SchoolUpdated when anything changed. Send If-Match with the ETag you read.")
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "District code or NCES id taken by another school, or changed concurrently", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "The oversight body does not exist", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id, @Parameter(description = "ETag from a previous read") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull SchoolRequest r) {
        registry.update(id, ifMatch, details(r), caller.id());
        School s = registry.get(id);
        return Response.ok(SchoolResponse.of(s)).tag(EntityTags.of(s.version)).build();
    }

    @POST
    @Path("/{id}/decisions")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Decide on a school", description = "OPEN, RENEW, BEGIN_CLOSURE, RESCIND_CLOSURE or CLOSE, with "
            + "reason and effective date; recorded with the evidence at hand (latest ratings, family demand, contract "
            + "standing). A status change publishes SchoolStatusChanged; CLOSE also terminates the ACTIVE contract.")
    @APIResponse(responseCode = "201", description = "Decided; Location names the decision", content = @Content(schema = @Schema(implementation = StatusDecisionResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Not allowed from the school's status (school-status-conflict), or changed concurrently", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the school's current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A CLOSE with a future effective date", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull StatusDecisionRequest r, @Context UriInfo uri) {
        SchoolStatusDecision d = registry.decide(id, ifMatch, r.decision(), r.reason(), r.effectiveDate(), caller.id());
        School s = registry.get(id);
        return Response.created(uri.getAbsolutePathBuilder().path(d.id.toString()).build()).tag(EntityTags.of(s.version))
                .entity(StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence))).build();
    }

    @GET
    @Path("/{id}/decisions")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's decisions", description = "Oldest first, each with its evidence")
    @APIResponse(responseCode = "200", description = "The decisions")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or another school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<StatusDecisionResponse> decisions(@PathParam("id") UUID id) {
        caller.requireSchool(id);
        return registry.decisions(id).stream().map(d -> StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence))).toList();
    }

    @GET
    @Path("/{id}/decisions/{decisionId}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One decision on a school")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(implementation = StatusDecisionResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or another school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school or decision", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public StatusDecisionResponse decision(@PathParam("id") UUID id, @PathParam("decisionId") UUID decisionId) {
        caller.requireSchool(id);
        SchoolStatusDecision d = registry.decision(id, decisionId);
        return StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence));
    }

    @GET
    @Path("/{id}/standing")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's status and current contract", description = "Its status and last decision, its "
            + "ACTIVE contract (with the intervention level), and the evidence about it now")
    @APIResponse(responseCode = "200", description = "The standing", content = @Content(schema = @Schema(implementation = SchoolStandingResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or another school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SchoolStandingResponse standing(@PathParam("id") UUID id) {
        caller.requireSchool(id);
        School s = registry.get(id);
        StatusDecisionResponse last = registry.latestDecision(id)
                .map(d -> StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence))).orElse(null);
        ContractSummaryResponse contract = queries.activeFor(id)
                .map(c -> ContractSummaryResponse.of(c, calendar.lastDay())).orElse(null);
        return new SchoolStandingResponse(SchoolResponse.of(s), last, contract, evidence.snapshot(id));
    }

    @GET
    @Path("/{id}/evidence")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "The evidence about a school now", description = "Latest ratings (SchoolRatingPublished), "
            + "family demand of the latest school year's rounds (DemandReported), the ACTIVE contract's standing")
    @APIResponse(responseCode = "200", description = "The evidence", content = @Content(schema = @Schema(implementation = Evidence.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or another school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Evidence evidence(@PathParam("id") UUID id) {
        caller.requireSchool(id);
        registry.get(id);
        return evidence.snapshot(id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's history", description = "Registration, detail changes, status decisions, and "
            + "everything that happened to its contracts (versions, evaluations, escalations, ends), oldest first, "
            + "each with who, why and its cause")
    @APIResponse(responseCode = "200", description = "One page of the history")
    @APIResponse(responseCode = "400", description = "Invalid paging", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed, or another school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such school", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<HistoryEntryResponse> history(@PathParam("id") UUID id,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                              @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        caller.requireSchool(id);
        registry.get(id);
        return queries.schoolHistory(id, page, size).map(HistoryEntryResponse::of);
    }

    private static SchoolRegistryService.Details details(SchoolRequest r) {
        return new SchoolRegistryService.Details(r.districtCode(), r.ncesId(), r.name(), r.type(), r.grades(),
                r.address(), r.zone(), r.oversightBodyId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
