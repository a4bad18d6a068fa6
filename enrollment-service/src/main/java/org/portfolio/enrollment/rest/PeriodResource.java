package org.portfolio.enrollment.rest;

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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.domain.EnrollmentPeriod;
import org.portfolio.enrollment.service.MatchService;
import org.portfolio.enrollment.service.PeriodService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Roles;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

@Path("/api/enrollment/periods")
@Tag(name = "Periods", description = "Enrollment rounds: window, lottery seed, match, publication")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
public class PeriodResource {

    @Inject
    PeriodService periods;
    @Inject
    MatchService match;

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Operation(summary = "Create a period", description = "A new period is DRAFT, round 1, with no programs yet; the answer's ETag is "
            + "its version")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "2027-28 round 1", value = EnrollmentExamples.PERIOD)))
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "422", description = "applicationsCloseAt is not after applicationsOpenAt, or offerDeadline not after applicationsCloseAt")
    public Response create(@Valid @NotNull PeriodRequest r, @Context UriInfo uri) {
        EnrollmentPeriod p = periods.create(r.data());
        return Response.created(uri.getAbsolutePathBuilder().path(p.id.toString()).build()).tag(EntityTags.of(p.version))
                .entity(PeriodResponse.of(p)).build();
    }

    @GET
    @Operation(summary = "List periods", description = "Every period (every round), newest first, one page at a time")
    @APIResponse(responseCode = "200", description = "One page of periods")
    public Page<PeriodResponse> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return periods.list(page, size).map(PeriodResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a period", description = "Its status, window, offer deadline, the SHA-256 of the lottery seed from the "
            + "close on, the seed itself once published, and the match's figures once matched; the ETag is its version, for "
            + "If-Match on an update")
    @APIResponse(responseCode = "200", description = "The period; ETag is its version", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        EnrollmentPeriod p = periods.get(id);
        return Response.ok(PeriodResponse.of(p)).tag(EntityTags.of(p.version)).build();
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Update a period", description = "While DRAFT or OPEN; while CLOSED or MATCHED only the offerDeadline "
            + "may move (to a future time, the rest of the body as it is); send If-Match with the ETag you read")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "window extended a week", value = EnrollmentExamples.PERIOD_EXTENDED)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is no longer DRAFT or OPEN, and the change is more than the offer "
            + "deadline of a CLOSED or MATCHED period (invalid-period-transition), or maxChoices would be below what a submitted "
            + "application ranks (max-choices-below-applications)")
    @APIResponse(responseCode = "422", description = "applicationsCloseAt is not after applicationsOpenAt, offerDeadline not after "
            + "applicationsCloseAt, or a moved offerDeadline not in the future")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull PeriodRequest r) {
        EnrollmentPeriod p = periods.update(id, ifMatch, r.data());
        return Response.ok(PeriodResponse.of(p)).tag(EntityTags.of(p.version)).build();
    }

    @POST
    @Path("/{id}/open")
    @Operation(summary = "Open the application window", description = "DRAFT or CLOSED → OPEN: applications are accepted. Reopening "
            + "keeps the seed recorded at the first close: it is final for the period")
    @APIResponse(responseCode = "200", description = "OPEN", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not DRAFT or CLOSED, or it has no program (invalid-period-transition)")
    public PeriodResponse open(@PathParam("id") UUID id) {
        return PeriodResponse.of(periods.open(id));
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close the application window", description = "OPEN → CLOSED: applications are frozen. The first close draws "
            + "and records the lottery seed and shows its SHA-256 (lotterySeedSha256); a later close keeps it")
    @APIResponse(responseCode = "200", description = "CLOSED", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not OPEN (invalid-period-transition)")
    public PeriodResponse close(@PathParam("id") UUID id) {
        return PeriodResponse.of(periods.close(id));
    }

    @POST
    @Path("/{id}/match")
    @Operation(summary = "Run the match", description = "CLOSED (or MATCHED, to re-run) → MATCHED: draws the lottery from the recorded seed, "
            + "runs student-proposing deferred acceptance, stores offers, waitlists and statistics. Deterministic: a re-run gives the same result.")
    @APIResponse(responseCode = "200", description = "MATCHED, with the figures", content = @Content(schema = @Schema(implementation = MatchSummaryResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not CLOSED or MATCHED (invalid-period-transition), or it has "
            + "been matched as many times as it may be (too-many-match-runs)")
    public MatchSummaryResponse runMatch(@PathParam("id") UUID id) {
        return MatchSummaryResponse.of(match.run(id));
    }

    @POST
    @Path("/{id}/discard-match")
    @Operation(summary = "Discard the match", description = "MATCHED → CLOSED: deletes the stored results (the seed stays)")
    @APIResponse(responseCode = "200", description = "CLOSED", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not MATCHED (invalid-period-transition)")
    public PeriodResponse discard(@PathParam("id") UUID id) {
        return PeriodResponse.of(match.discard(id));
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish the results", description = "MATCHED → PUBLISHED: offers can be answered, the seed is revealed, "
            + "MatchPublished and one DemandReported per school are published")
    @APIResponse(responseCode = "200", description = "PUBLISHED", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not MATCHED (invalid-period-transition), or its offer deadline "
            + "has passed (offer-deadline-passed: move it first)")
    public PeriodResponse publish(@PathParam("id") UUID id) {
        return PeriodResponse.of(match.publish(id));
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/{id}/simulations")
    @Operation(summary = "What-if match", description = "Runs the match on the current applications with any seed and seat changes; "
            + "stores and publishes nothing. Send {} for a fresh random seed and the programs' own seats")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "seed and one more section", value = EnrollmentExamples.SIMULATION)))
    @APIResponse(responseCode = "200", description = "The simulated figures", content = @Content(schema = @Schema(implementation = MatchSummaryResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is DRAFT: no applications yet (invalid-period-transition)")
    @APIResponse(responseCode = "422", description = "A seat change names a program that is not of this period")
    public MatchSummaryResponse simulate(@PathParam("id") UUID id, @Valid @NotNull SimulationRequest r) {
        Map<UUID, Integer> seats = new HashMap<>();
        if (r.seats() != null) {
            r.seats().forEach(s -> seats.put(s.programId(), s.seats()));
        }
        return MatchSummaryResponse.of(match.simulate(id, r.seed(), seats));
    }

    @Consumes(MediaType.APPLICATION_JSON)
    @POST
    @Path("/{id}/rounds")
    @Operation(summary = "Start the next round", description = "From a PUBLISHED period: a DRAFT period with the same programs; at its "
            + "match each program fills the seats this round leaves (seats minus offers still held), and this round's waitlists close")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "round 2", value = EnrollmentExamples.NEXT_ROUND)))
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = PeriodResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not PUBLISHED, or it has its next round already (invalid-period-transition)")
    @APIResponse(responseCode = "422", description = "applicationsCloseAt is not after applicationsOpenAt, or offerDeadline not after applicationsCloseAt")
    public Response nextRound(@PathParam("id") UUID id, @Valid @NotNull NextRoundRequest r, @Context UriInfo uri) {
        EnrollmentPeriod p = periods.nextRound(id, r.data());
        return Response.created(uri.getBaseUriBuilder().path("api/enrollment/periods").path(p.id.toString()).build())
                .tag(EntityTags.of(p.version)).entity(PeriodResponse.of(p)).build();
    }
}
