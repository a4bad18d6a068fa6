package org.portfolio.contracts.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolType;
import org.portfolio.contracts.service.AccountabilityClock;
import org.portfolio.contracts.service.ContractActivation;
import org.portfolio.contracts.service.ContractCalendar;
import org.portfolio.contracts.service.ContractAmendment;
import org.portfolio.contracts.service.ContractDrafting;
import org.portfolio.contracts.service.ContractEnding;
import org.portfolio.contracts.service.ContractQueries;
import org.portfolio.contracts.service.InterventionService;
import org.portfolio.contracts.service.SchoolCalendar;
import org.portfolio.contracts.service.ScorecardService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@Path("/api/contracts")
@Tag(name = "Performance contracts", description = "Contracts between schools and their oversight body: autonomy "
        + "provisions, benchmarks, the intervention ladder; drafting, activation, amendment, renewal, ending; "
        + "scorecards and histories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContractResource {

    @Inject
    ContractDrafting drafting;

    @Inject
    ContractActivation activation;

    @Inject
    ContractAmendment amendment;

    @Inject
    ContractEnding ending;

    @Inject
    InterventionService interventions;

    @Inject
    ContractQueries queries;

    @Inject
    ScorecardService scorecards;

    @Inject
    SchoolCalendar calendar;

    @Inject
    Caller caller;

    @Inject
    ContractCalendar contractCalendar;

    @Inject
    AccountabilityClock clock;

    // ------------------------------------------------------------------ drafting

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Draft a contract", description = "Creates a DRAFT contract between a school and its oversight "
            + "body (default: the school's): the term, the autonomy provisions and the benchmarks. A DRAFT can be edited "
            + "and discarded until it is activated; nothing is published yet (the history records the drafting). Set "
            + "renewsContractId to draft the renewal of an ACTIVE contract, to be activated later. Returns the draft "
            + "with its Location and ETag.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "innovation school", value = ContractExamples.DRAFT)))
    @APIResponse(responseCode = "201", description = "Drafted; Location names it; ETag is its revision",
            content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The school is CLOSED (school-status-conflict), or the contract to renew is not ACTIVE (contract-status-conflict)")
    @APIResponse(responseCode = "422", description = "Unknown school, oversight body or contract to renew; a term or content that breaks the contract rules (unprocessable, errors[] names each)")
    public Response draft(@Valid @NotNull ContractDraftRequest r, @Context UriInfo uri) {
        caller.requireSchool(r.schoolId());
        if (r.oversightBodyId() != null) {
            caller.requireOversightBody(r.oversightBodyId());
        }
        UUID id = drafting.draft(r.schoolId(), r.oversightBodyId(), r.term().toSpec(), provisions(r.provisions()),
                benchmarks(r.benchmarks()), r.renewsContractId(), AccountabilityDto.terms(r.accountability()), caller.id());
        Contract c = queries.get(id);
        return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .tag(EntityTags.of(c.version)).entity(detail(c)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Edit a draft", description = "Replaces the whole content of a DRAFT: term, provisions and "
            + "benchmarks. Send provisionId/benchmarkId to keep an item's identity; items without one are new. Only a "
            + "DRAFT can be edited (amend an ACTIVE contract instead). Nothing is published; the history records the "
            + "edit. Returns the draft with its new ETag.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "reviewed draft", value = ContractExamples.EDIT)))
    @APIResponse(responseCode = "200", description = "Edited", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not a DRAFT (contract-status-conflict), or it changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "The content breaks the contract rules, or names a provisionId/benchmarkId the draft does not have (errors[] names each)")
    public Response edit(@PathParam("id") UUID id, @Parameter(description = "ETag from a previous read") @HeaderParam("If-Match") String ifMatch,
                         @Valid @NotNull ContractEditRequest r) {
        decidesFor(id);
        drafting.updateDraft(id, ifMatch, r.term().toSpec(), provisions(r.provisions()), benchmarks(r.benchmarks()),
                AccountabilityDto.terms(r.accountability()), caller.id());
        return current(id);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Discard a draft", description = "Deletes a DRAFT contract; an activated contract is never "
            + "deleted (end it instead). Nothing is published; the school's history keeps a line saying the draft was "
            + "discarded, by whom. Answers 204 without a body.")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "409", description = "The contract is not a DRAFT (contract-status-conflict)")
    public Response discard(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        decidesFor(id);
        drafting.discardDraft(id, ifMatch, caller.id());
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ lifecycle

    @POST
    @Path("/{id}/activation")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Activate a draft", description = "Makes a DRAFT the school's ACTIVE contract and returns it. "
            + "The body (a reason) is optional. Checks: the term still makes sense, at least one benchmark, "
            + "the school is OPEN or PROPOSED, and it has no other ACTIVE contract (enforced by the database, so two "
            + "activations at once cannot both win). A renewal draft ends the contract it renews as RENEWED. Publishes "
            + "ContractActivated (after ContractEnded of the renewed one) and evaluates benchmarks on values already known.")
    @APIResponse(responseCode = "200", description = "Activated", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The school has an ACTIVE contract (active-contract-exists, also when two activations race); the contract is not a DRAFT (contract-status-conflict); the school is CLOSING or CLOSED (school-status-conflict)")
    @APIResponse(responseCode = "422", description = "The term no longer makes sense (e.g. entirely in the past), or the contract has no benchmark")
    public Response activate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                             @RequestBody(required = false, description = "Optional: the reason, recorded in the history",
                                     content = @Content(examples = @ExampleObject(name = "board approval", value = ContractExamples.ACTIVATION)))
                             @Valid ActivationRequest r) {
        decidesFor(id);
        activation.activate(id, ifMatch, r == null ? null : blankToNull(r.reason()), caller.id());
        return current(id);
    }

    @POST
    @Path("/{id}/amendments")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Amend an active contract", description = "Makes a new content version of an ACTIVE contract "
            + "(the old ones stay readable) with who and why; parts left out are kept. Publishes ContractAmended; new "
            + "benchmarks and those whose metric, period, comparator or target changed are evaluated on values already "
            + "known (BenchmarkEvaluated, maybe InterventionEscalated). Returns the contract; Location names the new "
            + "version.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "accountability clock", value = ContractExamples.AMENDMENT)))
    @APIResponse(responseCode = "201", description = "Amended; Location names the new version", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not ACTIVE (contract-status-conflict), or it changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "The new content breaks the contract rules, names a provisionId/benchmarkId of no current item, or changes nothing")
    public Response amend(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull AmendmentRequest r,
                          @Context UriInfo uri) {
        decidesFor(id);
        int version = amendment.amend(id, ifMatch, r.reason(), r.term() == null ? null : r.term().toSpec(),
                r.provisions() == null ? null : provisions(r.provisions()),
                r.benchmarks() == null ? null : benchmarks(r.benchmarks()), AccountabilityDto.terms(r.accountability()),
                caller.id());
        Contract c = queries.get(id);
        return Response.created(uri.getBaseUriBuilder().path("api/contracts").path(id.toString()).path("versions")
                        .path(Integer.toString(version)).build())
                .tag(EntityTags.of(c.version)).entity(detail(c)).build();
    }

    @POST
    @Path("/{id}/renewal")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Renew an active contract", description = "Creates and activates the successor for the new "
            + "term in one step: the old contract ends as RENEWED (ContractEnded), then the new one is ACTIVE and names "
            + "it in renewsContractId (ContractActivated). The intervention level carries over; a decided end (e.g. a "
            + "non-renewal overturned on appeal) is superseded. For a reviewed renewal, "
            + "draft it with renewsContractId and activate it instead. Returns the new contract.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "five more years", value = ContractExamples.RENEWAL)))
    @APIResponse(responseCode = "201", description = "Renewed; Location and body are the new contract", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not ACTIVE (contract-status-conflict); the school is CLOSING (school-status-conflict)")
    @APIResponse(responseCode = "422", description = "The new term (it must start after the old term's first year, at latest the year after its last) or content breaks the contract rules")
    public Response renew(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull RenewalRequest r,
                          @Context UriInfo uri) {
        decidesFor(id);
        UUID newId = activation.renew(id, ifMatch, r.reason(), r.term().toSpec(),
                r.provisions() == null ? null : provisions(r.provisions()), benchmarks(r.benchmarks()),
                AccountabilityDto.terms(r.accountability()), caller.id());
        Contract c = queries.get(newId);
        return Response.created(uri.getBaseUriBuilder().path("api/contracts").path(newId.toString()).build())
                .tag(EntityTags.of(c.version)).entity(detail(c)).build();
    }

    @POST
    @Path("/{id}/non-renewal")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Decide not to renew", description = "The contract ends as NON_RENEWED after its last day, the effective date "
            + "(default: the term's last day; the expiry job ends it the night after), or at once if that date has passed. "
            + "Publishes ContractEnded when it ends; a contract in intervention goes back to NONE "
            + "(InterventionEscalated, cause CONTRACT_ENDED). Returns the contract with scheduledEnd or ended.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "at term end", value = ContractExamples.NON_RENEWAL)))
    @APIResponse(responseCode = "200", description = "Decided (scheduledEnd) or ended (ended)", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not ACTIVE, or its end is already decided (contract-status-conflict)")
    @APIResponse(responseCode = "422", description = "The effective date is after the term's last day, or before the contract's first day (its term's, or its activation's when earlier)")
    public Response nonRenew(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ContractEndRequest r) {
        decidesFor(id);
        ending.nonRenew(id, ifMatch, r.reason(), r.effectiveDate(), caller.id());
        return current(id);
    }

    @POST
    @Path("/{id}/termination")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Terminate", description = "Ends the contract as TERMINATED at once (default), or after a given "
            + "date within the term, its last day (the expiry job ends it the night after; a date already past: at once); replaces a decided non-renewal. Publishes ContractEnded when it ends; a contract in "
            + "intervention goes back to NONE (InterventionEscalated, cause CONTRACT_ENDED). Returns the contract with "
            + "ended or scheduledEnd.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "at school year end", value = ContractExamples.TERMINATION)))
    @APIResponse(responseCode = "200", description = "Terminated (ended) or decided (scheduledEnd)", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not ACTIVE (contract-status-conflict)")
    @APIResponse(responseCode = "422", description = "The effective date is after the term's last day, or before the contract's first day (its term's, or its activation's when earlier)")
    public Response terminate(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ContractEndRequest r) {
        decidesFor(id);
        ending.terminate(id, ifMatch, r.reason(), r.effectiveDate(), caller.id());
        return current(id);
    }

    @PUT
    @Path("/{id}/intervention")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Set the intervention level by hand", description = "Up or down (e.g. back to NONE after a "
            + "corrective plan succeeded), with a reason and an effective date (default today). Recorded as an "
            + "intervention change decided by the caller; publishes InterventionEscalated (cause MANUAL). Returns the "
            + "contract.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "notice of concern", value = ContractExamples.INTERVENTION)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    @APIResponse(responseCode = "409", description = "The contract is not ACTIVE (contract-status-conflict), already at that level (conflict), or changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "The effective date (or today, by default) is after the contract's "
            + "last day (its decided end, else its term's), or before its first day (its term's first day, or the day it "
            + "was activated if earlier): such a step would never fall due, or would be overdue at once (unprocessable, "
            + "errors[] names effectiveDate)")
    public Response setIntervention(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                    @Valid @NotNull InterventionRequest r) {
        decidesFor(id);
        interventions.setByHand(id, ifMatch, r.level(), r.reason(), r.effectiveDate(), caller.id());
        return current(id);
    }

    /** 403 unless the caller decides for the contract's school (an authorizer: a school of its oversight bodies). */
    /**
     * 403 unless the caller decides for the contract's school. Reads the school id only: a contract loaded here would
     * stay in the request's session and the answer after the change would show it as it was (nineteenth pass).
     */
    private void decidesFor(UUID contractId) {
        if (!caller.isDistrictWide()) {
            caller.requireSchool(queries.schoolIdOf(contractId));
        }
    }

    // ------------------------------------------------------------------ reads

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "List contracts", description = "One page of contracts (summaries: school, status, term, "
            + "intervention level, decided end). Filters combine; ordered by term end, then school name. A "
            + "SCHOOL_LEADER sees only its schools' contracts, an authorizer's OVERSIGHT client only those of its oversight "
            + "bodies' schools (403 for another school's schoolId).")
    @APIResponse(responseCode = "200", description = "One page of contracts")
    public Page<ContractSummaryResponse> list(
            @Parameter(description = "Contract status", example = "ACTIVE", schema = @Schema(implementation = ContractStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = "Oversight body id", schema = @Schema(implementation = UUID.class))
            @QueryParam("oversightBodyId") String oversightBodyId,
            @Parameter(description = "School id", schema = @Schema(implementation = UUID.class))
            @QueryParam("schoolId") String schoolId,
            @Parameter(description = "Intervention level at or above", example = "PROBATION",
                    schema = @Schema(implementation = InterventionLevel.class))
            @QueryParam("interventionAtLeast") String interventionAtLeast,
            @Parameter(description = "Term ends (last day of its last school year) before this date", example = "2027-07-01",
                    schema = @Schema(implementation = LocalDate.class))
            @QueryParam("expiringBefore") String expiringBefore,
            @Parameter(description = "School type", example = "CHARTER", schema = @Schema(implementation = SchoolType.class))
            @QueryParam("schoolType") String schoolType,
            @Parameter(description = "Page number from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        UUID school = Params.uuid(schoolId, "schoolId");
        List<UUID> scope = null;
        if (!caller.isDistrictWide()) {
            if (school != null) {
                caller.requireSchool(school);
            }
            java.util.Set<UUID> own = caller.schoolScope().filter();
            scope = own == null ? null : List.copyOf(own);
            if (scope != null && scope.isEmpty()) {
                return new Page<>(List.of(), page, size, 0);
            }
        }
        var expiring = Params.date(expiringBefore, "expiringBefore");
        var filter = new ContractQueries.Filter(Params.enumValue(ContractStatus.class, status, "status"),
                Params.uuid(oversightBodyId, "oversightBodyId"), school, scope,
                Params.enumValue(InterventionLevel.class, interventionAtLeast, "interventionAtLeast"), expiring,
                Params.enumValue(SchoolType.class, schoolType, "schoolType"));
        return queries.list(filter, page, size).map(c -> ContractSummaryResponse.of(c, calendar.lastDay()));
    }

    @GET
    @Path("/calendar")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "The contracts calendar", description = "What is coming "
            + "and what is late, for the schools the caller may see (an authorizer's OVERSIGHT client: its oversight "
            + "bodies' schools; a SCHOOL_LEADER: its schools): ACTIVE contracts whose term ends, or whose decided end "
            + "falls, within expiringWithinDays; current intervention steps whose review date is within "
            + "reviewsDueWithinDays (and reviews already past of steps still under way); and, unless overdue=false, "
            + "intervention steps past their due date and benchmarks found MISSING_DATA that still have no value. Dates "
            + "come from each contract's accountability clock. At most 500 entries per list.")
    @APIResponse(responseCode = "200", description = "The calendar", content = @Content(schema = @Schema(implementation = CalendarResponse.class)))
    public CalendarResponse calendar(
            @Parameter(description = "Days ahead for contracts that end, 0 to 1830 (default 180)")
            @QueryParam("expiringWithinDays") @DefaultValue("180") @Min(0) @Max(1830) int expiringWithinDays,
            @Parameter(description = "Days ahead for reviews due, 0 to 366 (default 30)")
            @QueryParam("reviewsDueWithinDays") @DefaultValue("30") @Min(0) @Max(366) int reviewsDueWithinDays,
            @Parameter(description = "Include what is overdue (default true)")
            @QueryParam("overdue") @DefaultValue("true") boolean overdue) {
        java.util.Set<UUID> visible = caller.visibleSchools();
        return CalendarResponse.of(contractCalendar.calendar(visible, expiringWithinDays, reviewsDueWithinDays, overdue),
                contractCalendar);
    }

    @POST
    @Path("/clock/runs")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.DISTRICT_ADMIN})
    @Operation(summary = "Run the accountability clock now", description = "Runs "
            + "the accountability clock that otherwise runs on its schedule (hourly by default): intervention steps past "
            + "their due date are flagged or escalated as each contract says (InterventionStepOverdue, maybe "
            + "InterventionEscalated), benchmarks without data after the contract's grace period become MISSING_DATA "
            + "(BenchmarkDataMissing, and a MISSED BenchmarkEvaluated where the contract counts it as a miss). Each "
            + "finding is applied once, also when replicas run it at the same moment. No body; answers what this run "
            + "applied.")
    @APIResponse(responseCode = "200", description = "What this run applied", content = @Content(schema = @Schema(implementation = ClockRunResponse.class)))
    public ClockRunResponse runClock() {
        return ClockRunResponse.of(clock.run());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Get a contract", description = "The contract with its current version's content (term, "
            + "provisions, benchmarks), status, intervention level, renewal links and its end (decided or done). The "
            + "ETag is the revision: send it as If-Match with a change.")
    @APIResponse(responseCode = "200", description = "The contract", content = @Content(schema = @Schema(implementation = ContractResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Contract c = queries.get(id);
        caller.requireSchool(c.schoolId());
        return Response.ok(detail(c)).tag(EntityTags.of(c.version)).build();
    }

    @GET
    @Path("/{id}/versions")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Every version of a contract", description = "One page of the contract's content versions, "
            + "oldest first (1 = as drafted or activated, then one per amendment), each with its term, provisions, "
            + "benchmarks, who made it, when and why, and whether it is the version in force.")
    @APIResponse(responseCode = "200", description = "One page of the versions")
    public Page<ContractVersionResponse> versions(@PathParam("id") UUID id,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                  @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        Contract c = queries.get(id);
        caller.requireSchool(c.schoolId());
        // paged: every version carries its whole content, and an authorizer may amend its contract without end
        return queries.versions(id, page, size)
                .map(v -> ContractVersionResponse.of(v, c.currentVersion, calendar.lastDay()));
    }

    @GET
    @Path("/{id}/versions/{version}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One version of a contract", description = "One content version of the contract by number "
            + "(1, then one per amendment): its term, provisions and benchmarks as they were, who made it, when and why "
            + "(the amendment's reason), and whether it is the version in force.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = ContractVersionResponse.class)))
    @APIResponse(responseCode = "404", description = "No contract with this id, or the contract has no such version")
    public ContractVersionResponse version(@PathParam("id") UUID id, @PathParam("version") @Min(1) @Max(Integer.MAX_VALUE) int version) {
        Contract c = queries.get(id);
        caller.requireSchool(c.schoolId());
        return ContractVersionResponse.of(queries.version(id, version), c.currentVersion, calendar.lastDay());
    }

    @GET
    @Path("/{id}/scorecard")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A contract's scorecard", description = "Each benchmark of the current version: target, latest "
            + "actual, MET / MISSED / NOT_YET_EVALUATED / INSUFFICIENT_DATA, and the metric's trend over the periods "
            + "known with its direction; counts per status; the intervention level, since when and the last change's "
            + "reason; the school's autonomy grants as autonomy-service announced them. Read-only.")
    @APIResponse(responseCode = "200", description = "The scorecard", content = @Content(schema = @Schema(implementation = ScorecardResponse.class)))
    public ScorecardResponse scorecard(@PathParam("id") UUID id) {
        caller.requireSchool(queries.get(id).schoolId()); // before the work, not after (third pass of 2026-12-05)
        var s = scorecards.scorecard(id);
        return ScorecardResponse.of(s, calendar.lastDay(), calendar.today(), calendar.zone());
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "A contract's history", description = "One page of the contract's append-only history: "
            + "drafting, edits, activation, amendments, decided ends and ends, every benchmark evaluation (also "
            + "INSUFFICIENT_DATA) and intervention change, oldest first (seq), each with who, why, the effective date, "
            + "the record it concerns and its cause.")
    @APIResponse(responseCode = "200", description = "One page of the history")
    public Page<HistoryEntryResponse> history(@PathParam("id") UUID id,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                              @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        Contract c = queries.get(id);
        caller.requireSchool(c.schoolId());
        return queries.contractHistory(id, page, size).map(HistoryEntryResponse::of);
    }

    // ------------------------------------------------------------------ helpers

    private Response current(UUID id) {
        Contract c = queries.get(id);
        return Response.ok(detail(c)).tag(EntityTags.of(c.version)).build();
    }

    private ContractResponse detail(Contract c) {
        return ContractResponse.of(c, queries.current(c), calendar.lastDay());
    }

    private static List<org.portfolio.contracts.domain.ProvisionSpec> provisions(List<ProvisionDto> ps) {
        return ps == null ? List.of() : ps.stream().map(ProvisionDto::toSpec).toList();
    }

    private static List<org.portfolio.contracts.domain.BenchmarkSpec> benchmarks(List<BenchmarkDto> bs) {
        return bs == null ? List.of() : bs.stream().map(BenchmarkDto::toSpec).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
