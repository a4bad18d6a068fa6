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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
    @Operation(summary = "Register a school", description = "Adds a school to the registry as PROPOSED (a status "
            + "decision opens it), under its oversight body. Publishes SchoolRegistered; the school's id is the one every "
            + "other service uses. An authorizer's OVERSIGHT client registers schools under its own oversight bodies only. "
            + "Returns the school with its Location and ETag.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "innovation school", value = SchoolExamples.REGISTRATION)))
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "409", description = "The district code or NCES id is already registered (duplicate-school)")
    @APIResponse(responseCode = "422", description = "The oversight body does not exist")
    public Response register(@Valid @NotNull SchoolRequest r, @Context UriInfo uri) {
        caller.requireOversightBody(r.oversightBodyId());
        School s = registry.register(details(r), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .tag(EntityTags.of(s.version)).entity(SchoolResponse.of(s)).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "List schools", description = "Public (anonymous and every role): the school directory is "
            + "open data. One page of schools with their type, grades, zone, oversight body and status, ordered by "
            + "name; the filters combine.")
    @APIResponse(responseCode = "200", description = "One page of schools")
    public Page<SchoolResponse> list(
            @Parameter(description = "School status", example = "OPEN", schema = @Schema(implementation = SchoolStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "School type", example = "CHARTER", schema = @Schema(implementation = SchoolType.class))
            @QueryParam("type") String type,
            @Parameter(description = "Oversight body id", schema = @Schema(implementation = UUID.class))
            @QueryParam("oversightBodyId") String oversightBodyId,
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
    @Operation(summary = "Get a school", description = "Public (anonymous and every role): one school of the "
            + "directory with its codes, type, grades, address, zone, oversight body and status. The ETag is its "
            + "version: send it as If-Match with an update or a decision.")
    @APIResponse(responseCode = "200", description = "The school; ETag is its version",
            content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        School s = registry.get(id);
        return Response.ok(SchoolResponse.of(s)).tag(EntityTags.of(s.version)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Update a school's details", description = "Replaces the school's details (codes, name, "
            + "type, grades, address, zone, oversight body); not its status, which only a decision changes. Publishes "
            + "SchoolUpdated when anything changed. Send If-Match with the ETag you read. An authorizer's OVERSIGHT client "
            + "updates the schools of its oversight bodies and cannot move one to another body. Returns the school.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "new campus", value = SchoolExamples.UPDATE)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = SchoolResponse.class)))
    @APIResponse(responseCode = "409", description = "The district code or NCES id is taken by another school (duplicate-school), or the school changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "The oversight body does not exist")
    public Response update(@PathParam("id") UUID id, @Parameter(description = "ETag from a previous read") @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull SchoolRequest r) {
        caller.requireSchool(id);
        caller.requireOversightBody(r.oversightBodyId());
        // the school as the update's transaction left it (its version counted up by the flush): no second read
        School s = registry.update(id, ifMatch, details(r), caller.id());
        return Response.ok(SchoolResponse.of(s)).tag(EntityTags.of(s.version)).build();
    }

    @POST
    @Path("/{id}/decisions")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Decide on a school", description = "OPEN, RENEW, BEGIN_CLOSURE, RESCIND_CLOSURE or CLOSE, with "
            + "reason and effective date; recorded with the evidence at hand (latest ratings, family demand, contract "
            + "standing). A status change publishes SchoolStatusChanged; CLOSE also terminates the ACTIVE contract "
            + "(ContractEnded after it). An authorizer's OVERSIGHT client decides on the schools of its oversight bodies only. "
            + "Returns the recorded decision; Location names it.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "open the school", value = SchoolExamples.DECISION)))
    @APIResponse(responseCode = "201", description = "Decided; Location names the decision", content = @Content(schema = @Schema(implementation = StatusDecisionResponse.class)))
    @APIResponse(responseCode = "409", description = "The decision is not allowed from the school's status (school-status-conflict), or the school changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "A CLOSE with a future effective date (decide BEGIN_CLOSURE now and CLOSE then)")
    public Response decide(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull StatusDecisionRequest r, @Context UriInfo uri) {
        caller.requireSchool(id);
        SchoolStatusDecision d = registry.decide(id, ifMatch, r.decision(), r.reason(), r.effectiveDate(), caller.id());
        School s = registry.get(id);
        return Response.created(uri.getAbsolutePathBuilder().path(d.id.toString()).build()).tag(EntityTags.of(s.version))
                .entity(StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence))).build();
    }

    @GET
    @Path("/{id}/decisions")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's decisions", description = "One page of the status decisions on the school (OPEN, "
            + "RENEW, BEGIN_CLOSURE, RESCIND_CLOSURE, CLOSE), oldest first, each with its reason, who decided, the "
            + "effective date and the evidence frozen at that moment.")
    @APIResponse(responseCode = "200", description = "One page of the decisions")
    public Page<StatusDecisionResponse> decisions(@PathParam("id") UUID id,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        caller.requireSchool(id);
        return registry.decisions(id, page, size).map(d -> StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence)));
    }

    @GET
    @Path("/{id}/decisions/{decisionId}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One decision on a school", description = "One recorded status decision: the decision, the "
            + "previous and new status, reason, who decided, effective date, and the evidence (ratings, family demand, "
            + "contract standing) in front of the deciders at the time.")
    @APIResponse(responseCode = "200", description = "The decision", content = @Content(schema = @Schema(implementation = StatusDecisionResponse.class)))
    @APIResponse(responseCode = "404", description = "No school with this id, or no decision with this decisionId on it")
    public StatusDecisionResponse decision(@PathParam("id") UUID id, @PathParam("decisionId") UUID decisionId) {
        caller.requireSchool(id);
        SchoolStatusDecision d = registry.decision(id, decisionId);
        return StatusDecisionResponse.of(d, registry.evidenceOf(d.evidence));
    }

    @GET
    @Path("/{id}/standing")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's status and current contract", description = "The school, its last status "
            + "decision (absent before the first), its ACTIVE contract with the intervention level (absent when it has "
            + "none), and the evidence about it now. Read-only.")
    @APIResponse(responseCode = "200", description = "The standing", content = @Content(schema = @Schema(implementation = SchoolStandingResponse.class)))
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
    @Operation(summary = "The evidence about a school now", description = "What oversight would have in front of it "
            + "if it decided today: the latest three published ratings (SchoolRatingPublished), the family demand of "
            + "the latest school year's rounds (DemandReported), and the ACTIVE contract's standing. Read-only.")
    @APIResponse(responseCode = "200", description = "The evidence", content = @Content(schema = @Schema(implementation = Evidence.class)))
    public Evidence evidence(@PathParam("id") UUID id) {
        caller.requireSchool(id);
        registry.get(id);
        return evidence.snapshot(id);
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A school's history", description = "One page of the school's append-only history: "
            + "registration, detail changes, status decisions, and everything that happened to its contracts "
            + "(versions, evaluations, escalations, ends), oldest first (seq), each with who, why and its cause.")
    @APIResponse(responseCode = "200", description = "One page of the history")
    public Page<HistoryEntryResponse> history(@PathParam("id") UUID id,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                              @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        caller.requireSchool(id);
        registry.get(id);
        return queries.schoolHistory(id, page, size).map(HistoryEntryResponse::of);
    }

    private static SchoolRegistryService.Details details(SchoolRequest r) {
        return new SchoolRegistryService.Details(r.districtCode(), r.ncesId(), r.name(), r.type(), java.util.EnumSet.copyOf(r.grades()),
                r.address(), r.zone(), r.oversightBodyId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
