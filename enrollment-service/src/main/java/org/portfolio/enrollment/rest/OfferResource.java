package org.portfolio.enrollment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.domain.OfferStatus;
import org.portfolio.enrollment.service.OfferExpiryJob;
import org.portfolio.enrollment.service.OfferService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/enrollment/periods/{periodId}/offers")
@Tag(name = "Offers", description = "Offers, accept/decline by the deadline, and waitlist movement")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
public class OfferResource {

    @Inject
    OfferService offers;

    @Inject
    OfferExpiryJob expiry;

    @Schema(description = "The answer to an offer and what it set in motion", requiredProperties = {"offer", "waitlistOffers"})
    public record OfferOutcome(OfferResponse offer,
                               @Schema(description = "Offers made from waitlists because a seat was freed") List<OfferResponse> waitlistOffers) {
        static OfferOutcome of(OfferService.Outcome o) {
            return new OfferOutcome(OfferResponse.of(o.offer()), o.moved().stream().map(OfferResponse::of).toList());
        }
    }

    @GET
    @Operation(summary = "List offers", description = "The period's offers (of the match and from waitlists), optionally only those "
            + "of one status, one page at a time")
    @APIResponse(responseCode = "200", description = "One page of offers")
    public Page<OfferResponse> list(@PathParam("periodId") UUID periodId, @QueryParam("status") OfferStatus status,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                    @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return offers.list(periodId, status, page, size).map(OfferResponse::of);
    }

    @POST
    @Path("/{offerId}/accept")
    @Operation(summary = "Accept an offer", description = "Before its deadline. The applicant stays on the waitlists above it: a later "
            + "waitlist offer replaces this one and is accepted as this one was (the family is not asked again, and cannot lose "
            + "its seat by missing a new deadline).")
    @APIResponse(responseCode = "200", description = "ACCEPTED", content = @Content(schema = @Schema(implementation = OfferOutcome.class)))
    @APIResponse(responseCode = "409", description = "The offer is not OFFERED or its deadline passed (offer-not-open), or the period's "
            + "results are not published (results-not-published)")
    public OfferOutcome accept(@PathParam("periodId") UUID periodId, @PathParam("offerId") UUID offerId) {
        return OfferOutcome.of(offers.accept(periodId, offerId));
    }

    @POST
    @Path("/{offerId}/decline")
    @Operation(summary = "Decline an offer", description = "The seat goes to the next applicant on the program's waitlist at once")
    @APIResponse(responseCode = "200", description = "DECLINED, with the waitlist offers it caused", content = @Content(schema = @Schema(implementation = OfferOutcome.class)))
    @APIResponse(responseCode = "409", description = "The offer is no longer OFFERED or ACCEPTED (offer-not-open), or the period's "
            + "results are not published (results-not-published)")
    public OfferOutcome decline(@PathParam("periodId") UUID periodId, @PathParam("offerId") UUID offerId,
                                @Parameter(description = "Stay on the waitlists of programs ranked above (default: leave them)")
                                @QueryParam("stayOnWaitlists") @DefaultValue("false") boolean stayOnWaitlists) {
        return OfferOutcome.of(offers.decline(periodId, offerId, stayOnWaitlists));
    }

    @POST
    @Path("/expire-overdue")
    @Operation(summary = "Expire overdue offers now", description = "Offers not answered by their deadline expire and their seats move "
            + "down the waitlists (a scheduler does the same every minute). They expire in batches of 200, each committed on its "
            + "own, so answers to other offers are not held up for long; if one batch fails, those before it stay expired and "
            + "its offers are tried one at a time: one that cannot expire stays OFFERED, the others expire. The answer comes "
            + "within about 20 s (`portfolio.enrollment.expire-overdue-answer-within`): no batch begins after that, and a "
            + "round with more overdue offers than that leaves the rest to the scheduler or the next call (Overdue-Remaining)")
    @APIResponse(responseCode = "200", description = "The waitlist offers made",
            headers = @Header(name = OVERDUE_REMAINING, description = "true when overdue offers were left for the scheduler "
                    + "(within a minute) or another call; false when none is left", required = true,
                    schema = @Schema(type = SchemaType.BOOLEAN)),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = OfferResponse.class)))
    @APIResponse(responseCode = "409", description = "The period's results are not published (results-not-published)")
    public Response expire(@PathParam("periodId") UUID periodId) {
        OfferExpiryJob.Run run = expiry.expireOverdueForCaller(periodId);
        return Response.ok(run.made().stream().map(OfferResponse::of).toList())
                .header(OVERDUE_REMAINING, Boolean.toString(run.more())).build();
    }

    /** Whether a call to expire-overdue left overdue offers for later. */
    public static final String OVERDUE_REMAINING = "Overdue-Remaining";
}
