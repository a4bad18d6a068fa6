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
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.AutonomyRequest;
import org.portfolio.autonomy.domain.RequestStatus;
import org.portfolio.autonomy.domain.RequestStep;
import org.portfolio.autonomy.service.RequestService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@Path("/api/autonomy/requests")
@Tag(name = "Programmatic requests", description = "The RFP path: a school requests specific autonomies with a justification plan; reviewers comment; oversight approves (creating the grant) or denies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RequestResource {

    @Inject
    RequestService requests;

    @Inject
    Caller caller;

    @POST
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_LEADER})
    @Operation(summary = "Submit a request", description = "A school asks for programmatic autonomy: decisions of "
            + "one domain, a justification plan, expected outcomes and the dates. A school leader submits for its own "
            + "schools only. The request starts SUBMITTED with its first step (which has no fromStatus); nothing is "
            + "published until an approval grants it. Returns the request; Location names it.")
    @APIResponse(responseCode = "201", description = "Submitted; Location names it", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The school is closed (school-closed)")
    @APIResponse(responseCode = "422", description = "The school is unknown to the autonomy service, or a decision is not in the current catalog under this domain")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "extended learning day", value = RequestExamples.SUBMIT)))
    public Response submit(@Valid @NotNull RequestSubmission s, @Context UriInfo uri) {
        caller.requireSchool(s.schoolId());
        AutonomyRequest r = requests.submit(s.schoolId(), s.proposal(), caller.id(), RestSupport.actorRole(caller));
        return Response.created(uri.getAbsolutePathBuilder().path(r.id.toString()).build()).tag(EntityTags.of(r.version))
                .entity(RequestResponse.of(r, requests.stepsOf(r.id))).build();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "List requests", description = "One page of programmatic requests (summaries: school, "
            + "domain, decisions, title, dates, status, the grant an approval created), newest first; the filters "
            + "combine. A school leader sees its own schools' requests only (403 for another school's schoolId).")
    @APIResponse(responseCode = "200", description = "One page of requests")
    public Page<RequestSummary> list(@Parameter(description = "School id", schema = @Schema(implementation = UUID.class))
                                     @QueryParam("schoolId") String schoolId,
                                     @Parameter(description = "Request status", schema = @Schema(implementation = RequestStatus.class))
                                     @QueryParam("status") String status,
                                     @Parameter(description = "Autonomy domain", schema = @Schema(implementation = AutonomyDomain.class))
                                     @QueryParam("domain") String domain,
                                     @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        Set<UUID> schools = RestSupport.visibleSchools(caller, RestSupport.uuid(schoolId, "schoolId"));
        if (schools != null && schools.isEmpty()) {
            return new Page<>(List.of(), page, size, 0);
        }
        PanacheQuery<AutonomyRequest> q = requests.search(schools, RestSupport.enumOf(RequestStatus.class, status, "status"),
                RestSupport.enumOf(AutonomyDomain.class, domain, "domain"));
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list().stream()
                .map(RequestSummary::of).toList(), page, size, q.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Get a request with every step of its review", description = "The request (what, why, "
            + "expected outcomes, dates, status, who decided and the rationale, the grant an approval created) with "
            + "every step of its review oldest first: submission (no fromStatus), review start, comments, revisions "
            + "and the decision. The ETag is its version: send it as If-Match with a step.")
    @APIResponse(responseCode = "200", description = "The request; ETag is its version", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        AutonomyRequest r = requests.get(id);
        caller.requireSchool(r.schoolId);
        return answer(r, Response.Status.OK);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_LEADER})
    @Operation(summary = "Revise an open request", description = "The school's answer to reviewers' comments: "
            + "replaces the proposal (decisions, title, justification, outcomes, dates) while the request is SUBMITTED "
            + "or UNDER_REVIEW; the domain stays. Records a REVISED step with the note; nothing is published. Returns "
            + "the request.")
    @APIResponse(responseCode = "200", description = "Revised", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The request is already decided, withdrawn or cancelled (invalid-request-transition), "
            + "or it has as many comments and revisions as a request takes (too-many-request-steps)")
    @APIResponse(responseCode = "422", description = "The domain would change, or a decision is not in the current catalog under the domain")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "after the committee's comments", value = RequestExamples.REVISE)))
    public Response revise(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull RequestRevision rev) {
        scope(id);
        return answer(requests.revise(id, ifMatch, rev.proposal(), rev.note(), caller.id(), RestSupport.actorRole(caller)),
                Response.Status.OK);
    }

    @POST
    @Path("/{id}/review")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Start the review", description = "SUBMITTED → UNDER_REVIEW, with an optional note (e.g. "
            + "who reviews); the body may be left out. Records a REVIEW_STARTED step; nothing is published. Returns "
            + "the request.")
    @APIResponse(responseCode = "200", description = "Under review", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The request is not SUBMITTED (invalid-request-transition)")
    public Response review(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @RequestBody(required = false, description = "Optional: a note for the record",
                                   content = @Content(examples = @ExampleObject(name = "committee assigned", value = RequestExamples.REVIEW))) @Valid NoteRequest n) {
        scope(id);
        return answer(requests.startReview(id, ifMatch, n == null ? null : n.note(), caller.id(),
                RestSupport.actorRole(caller)), Response.Status.OK);
    }

    @POST
    @Path("/{id}/comments")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Comment on an open request", description = "Adds a COMMENTED step to a SUBMITTED or "
            + "UNDER_REVIEW request, by a reviewer or the school itself; visible to both. The status does not change "
            + "and nothing is published. Returns the step.")
    @APIResponse(responseCode = "201", description = "The comment step", content = @Content(schema = @Schema(implementation = RequestResponse.Step.class)))
    @APIResponse(responseCode = "409", description = "The request is already decided, withdrawn or cancelled (invalid-request-transition), "
            + "or it has as many comments and revisions as a request takes (too-many-request-steps)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "reviewer's question", value = RequestExamples.COMMENT)))
    public Response comment(@PathParam("id") UUID id, @Valid @NotNull CommentRequest c, @Context UriInfo uri) {
        scope(id);
        RequestStep s = requests.comment(id, c.text(), caller.id(), RestSupport.actorRole(caller));
        return Response.created(uri.getBaseUriBuilder().path("/api/autonomy/requests").path(id.toString()).build())
                .entity(RequestResponse.Step.of(s)).build();
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Approve", description = "UNDER_REVIEW → APPROVED with the rationale; creates the ACTIVE "
            + "PROGRAMMATIC grant (all requested decisions, or a subset; the requested dates unless others are given: "
            + "an effectiveTo already past, or before effectiveFrom, is 400 validation; without one, a request whose "
            + "endDate has passed during its review is 422) and publishes AutonomyGranted. Returns the request; grantId names the grant. If-Match (the ETag "
            + "read) is required once the school has revised the request (428 without it), so that what is approved "
            + "is what was reviewed; 412 when the request changed since.")
    @APIResponse(responseCode = "200", description = "Approved; grantId names the grant", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The request is not UNDER_REVIEW (invalid-request-transition), or the school closed (school-closed)")
    @APIResponse(responseCode = "422", description = "The approval names decisions that were not requested, or "
            + "gives no effectiveTo while the request's endDate has passed (unprocessable, errors[] names the field)")
    @APIResponse(responseCode = "428", description = "The request was revised after it was submitted and the approval "
            + "has no If-Match (precondition-required)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "one-year pilot", value = RequestExamples.APPROVE)))
    public Response approve(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull ApprovalRequest a) {
        scope(id);
        return answer(requests.approve(id, ifMatch, a.approval(), caller.id(), RestSupport.actorRole(caller)),
                Response.Status.OK);
    }

    @POST
    @Path("/{id}/deny")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Deny", description = "UNDER_REVIEW → DENIED, with the rationale the school sees. Records "
            + "the decision step; no grant, nothing published. Returns the request.")
    @APIResponse(responseCode = "200", description = "Denied", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The request is not UNDER_REVIEW (invalid-request-transition)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "funding missing", value = RequestExamples.DENY)))
    public Response deny(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                         @Valid @NotNull RationaleRequest r) {
        scope(id);
        return answer(requests.deny(id, ifMatch, r.rationale(), caller.id(), RestSupport.actorRole(caller)),
                Response.Status.OK);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_LEADER})
    @Operation(summary = "Withdraw", description = "The school takes its request back while it is SUBMITTED or "
            + "UNDER_REVIEW, with an optional note (the body may be left out). Records a WITHDRAWN step; nothing is "
            + "published. Returns the request.")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(schema = @Schema(implementation = RequestResponse.class)))
    @APIResponse(responseCode = "409", description = "The request is already decided, withdrawn or cancelled (invalid-request-transition)")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                             @RequestBody(required = false, description = "Optional: why, for the record",
                                     content = @Content(examples = @ExampleObject(name = "staff vote failed", value = RequestExamples.WITHDRAW))) @Valid NoteRequest n) {
        scope(id);
        return answer(requests.withdraw(id, ifMatch, n == null ? null : n.note(), caller.id(),
                RestSupport.actorRole(caller)), Response.Status.OK);
    }

    private void scope(UUID id) {
        caller.requireSchool(requests.schoolIdOf(id));
    }

    private Response answer(AutonomyRequest r, Response.Status status) {
        return Response.status(status).entity(RequestResponse.of(r, requests.stepsOf(r.id)))
                .tag(EntityTags.of(r.version)).build();
    }
}
