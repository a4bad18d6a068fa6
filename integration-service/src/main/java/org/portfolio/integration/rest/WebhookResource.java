package org.portfolio.integration.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.portfolio.integration.domain.DeliveryRow;
import org.portfolio.integration.service.CallerRights;
import org.portfolio.integration.service.SubscriptionService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Roles;

import java.util.Set;
import java.util.UUID;

@Path("/api/webhooks")
@Tag(name = "Webhooks", description = "Signed deliveries of the feed's events to the endpoints integrators register (Standard Webhooks)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER, Roles.SIS, Roles.ENROLLMENT_OFFICER})
public class WebhookResource {

    @jakarta.inject.Inject
    java.time.Clock clock;

    static final String WHO = " Any API client manages its own subscriptions; DISTRICT_ADMIN manages every one (another "
            + "client's subscription: 403).";

    /** The 403 of an operation on one subscription: the role rule platform-web's filter would say, and the owner rule. */
    static final String NOT_YOURS = "A client manages only its own subscriptions (DISTRICT_ADMIN every one): another "
            + "client's subscription gets 403, whatever the caller's role, as does a role this API does not admit";

    /** A district HR system: every school's autonomy changes (absent schoolIds: every school the client may read). */
    private static final String HR_EXAMPLE = """
            {"url": "https://hr.district.example/portfolio-events",
             "eventTypes": ["portfolio.autonomy.AutonomyGranted.v1", "portfolio.autonomy.AutonomyRevoked.v1",
                            "portfolio.autonomy.AutonomyReinstated.v1", "portfolio.autonomy.AutonomyEnded.v1"],
             "description": "HR: stop hiring when PEOPLE autonomy is revoked"}""";

    /** One school's dashboard: its ratings, benchmark results and interventions only. */
    private static final String SCHOOL_DASHBOARD_EXAMPLE = """
            {"url": "https://dashboard.eastside.example/hooks/portfolio",
             "eventTypes": ["portfolio.performance.SchoolRatingPublished.v1", "portfolio.contracts.BenchmarkEvaluated.v1",
                            "portfolio.contracts.InterventionEscalated.v1"],
             "schoolIds": ["3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11"],
             "description": "Eastside Innovation Academy dashboard: ratings, benchmarks, interventions"}""";

    /** A replay after the WebhookDisabled event's sequence, once the subscription was resumed. */
    private static final String REPLAY_EXAMPLE = """
            {"after": "1042"}""";

    @Inject
    SubscriptionService service;

    @Inject
    CallerRights rights;

    @POST
    @Operation(summary = "Register a webhook subscription",
            description = "Events of the chosen types (each one your roles may read), optionally only about some schools, are "
                    + "POSTed to the URL as CloudEvents JSON, signed as the Standard Webhooks specification says (webhook-id = "
                    + "the event id, webhook-timestamp, webhook-signature v1 = HMAC-SHA256 with the secret). The secret is in "
                    + "this answer only. Delivery is at least once, in order per school, retried with exponential back-off for "
                    + "3 days; then the subscription is disabled (WebhookDisabled). A delivery is only ever of an event your "
                    + "client may read at the time; an event type your roles may never read is refused (403 "
                    + "event-type-not-readable, naming it)." + WHO)
    @APIResponse(responseCode = "201", description = "Registered; the answer holds the signing secret, shown this once",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "422", description = "The URL is refused: not http(s), credentials in it, it does not resolve, "
            + "or it resolves to a loopback, private, link-local, unspecified or multicast address the deployment does not allow")
    @APIResponse(responseCode = "409", description = "webhook-subscription-limit: your client has the most subscriptions it may "
            + "own (25 by default, DISTRICT_ADMIN clients included); delete one first")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "HR system", value = HR_EXAMPLE, description = "Replace the URL with your receiver's: a host that does not resolve, or resolves to a private address where the deployment does not allow one, is refused (422 webhook-target-refused)"),
            @ExampleObject(name = "school dashboard", value = SCHOOL_DASHBOARD_EXAMPLE, description = "Replace the URL with your receiver's: a host that does not resolve, or resolves to a private address where the deployment does not allow one, is refused (422 webhook-target-refused)")}))
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(@Valid @NotNull WebhookRequest request, @Context UriInfo uri) {
        SubscriptionService.Registered r = service.register(rights.get(), rights.narrowedToSchools(), request.url(),
                request.eventTypes().stream().map(EventTypeName::type).collect(java.util.stream.Collectors.toSet()),
                request.schoolIds() == null ? Set.of() : new java.util.LinkedHashSet<>(request.schoolIds()), request.description());
        return Response.created(uri.getAbsolutePathBuilder().path(r.subscription().id.toString()).build())
                .entity(WebhookResponse.of(r.subscription(), r.secret(), clock.instant())).build();
    }

    @GET
    @Operation(summary = "List webhook subscriptions",
            description = "Your client's subscriptions, oldest first; a DISTRICT_ADMIN sees every one (ownerClientId narrows it)." + WHO)
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    public Page<WebhookResponse> list(
            @Parameter(description = "DISTRICT_ADMIN only: the subscriptions of this API client") @QueryParam("ownerClientId") @Size(max = 64) String owner,
            @Parameter(description = "Page number from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        SubscriptionService.Page p = service.list(rights.get(), owner, page, size);
        return new Page<>(p.items().stream().map(s -> WebhookResponse.of(s, null, clock.instant())).toList(), page, size, p.total());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Get a webhook subscription", description = "Its URL, filters and status (never its secret)." + WHO)
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    public WebhookResponse get(@Parameter(description = "Subscription id") @PathParam("id") UUID id) {
        return WebhookResponse.of(service.get(rights.get(), id), null, clock.instant());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Delete a webhook subscription", description = "Nothing more is delivered to it (a request "
            + "already on the wire finishes; none begins a second after); its delivery log goes with it." + WHO)
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@Parameter(description = "Subscription id") @PathParam("id") UUID id) {
        service.delete(rights.get(), id);
    }

    @POST
    @Path("/{id}/secret")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Rotate the signing secret",
            description = "A new secret signs from now on; the one it replaces keeps signing alongside it (one more v1 "
                    + "signature in webhook-signature) for 24 hours by default, so a receiver can switch without losing a "
                    + "delivery; secrets replaced by earlier rotations keep signing until their own grace ends "
                    + "(previousSecretExpiresAt: when the last stops). With revokeEarlier=true (a leaked secret) only the new "
                    + "secret signs, at once (a request already on the wire finishes; none signed with an earlier one begins a "
                    + "second after). The new secret is in this answer only." + WHO)
    @APIResponse(responseCode = "200", description = "The subscription with its new secret",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "409", description = "webhook-secrets-limit: three replaced secrets still sign; rotate "
            + "with revokeEarlier=true, or once the oldest stops (the detail says when). Or concurrent-modification: "
            + "another rotation at the same moment")
    public WebhookResponse rotateSecret(@Parameter(description = "Subscription id") @PathParam("id") UUID id,
                                        @Parameter(description = "Stop every earlier secret at once: only the new one signs")
                                        @QueryParam("revokeEarlier") @DefaultValue("false") boolean revokeEarlier) {
        SubscriptionService.Registered r = service.rotateSecret(rights.get(), id, revokeEarlier);
        return WebhookResponse.of(r.subscription(), r.secret(), clock.instant());
    }

    @POST
    @Path("/{id}/pause")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Pause deliveries", description = "Nothing is sent while paused (a request already on the wire finishes; none begins a second after); events keep queueing and are delivered, "
            + "in order, after a resume." + WHO)
    @APIResponse(responseCode = "200", description = "The subscription, PAUSED",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    public WebhookResponse pause(@Parameter(description = "Subscription id") @PathParam("id") UUID id) {
        return WebhookResponse.of(service.pause(rights.get(), id), null, clock.instant());
    }

    @POST
    @Path("/{id}/resume")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Resume deliveries", description = "A paused or disabled subscription becomes ACTIVE: its queue is "
            + "delivered from each school's oldest undelivered event, with a fresh retry horizon. A paused subscription "
            + "kept queueing; a disabled one did not (only the WebhookDisabled about itself): replay from that event's "
            + "sequence for the events published while it was disabled." + WHO)
    @APIResponse(responseCode = "200", description = "The subscription, ACTIVE",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "409", description = "The owner's API client is disabled")
    public WebhookResponse resume(@Parameter(description = "Subscription id") @PathParam("id") UUID id) {
        return WebhookResponse.of(service.resume(rights.get(), id), null, clock.instant());
    }

    @POST
    @Path("/{id}/replay")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "Replay from a feed cursor",
            description = "Queues again every event after the cursor that the subscription wants and its owner may read (up "
                    + "to 10,000 per call; continue from next while hasMore). Each is delivered with its own event id as "
                    + "webhook-id, so a receiver that keeps the ids it processed skips what it already has. Refused while "
                    + "the subscription has more than 10,000 undelivered deliveries (configurable): let them drain first. "
                    + "A disabled subscription queues no new events: resume it, then replay from the WebhookDisabled "
                    + "event's sequence." + WHO)
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = ReplayResponse.class)))
    @APIResponse(responseCode = "409", description = "webhook-backlog-full: the subscription has more undelivered deliveries "
            + "than a replay may add to")
    @APIResponse(responseCode = "410", description = "cursor-expired: events after the cursor were purged (retention); "
            + "cursor-ahead: the cursor is past every event the feed has issued (the feed was restored from a backup or "
            + "reset). Either way replay from 0, the oldest event kept")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "after a cursor", value = REPLAY_EXAMPLE)))
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replay(@Parameter(description = "Subscription id") @PathParam("id") UUID id, @Valid @NotNull ReplayRequest request) {
        SubscriptionService.Replay r = service.replay(rights.get(), id, Long.parseLong(request.after()));
        return Response.accepted(new ReplayResponse(r.queued(), Long.toString(r.next()), r.more())).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "The delivery log", description = "The subscription's deliveries, newest first: state, attempts, "
            + "last status code and error class. Response bodies are never kept (a short sanitised snippet per attempt at most)." + WHO)
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Page<DeliveryResponse> deliveries(@Parameter(description = "Subscription id") @PathParam("id") UUID id,
            @Parameter(description = "Page number from 0") @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
            @Parameter(description = "Page size, 1 to 200") @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        var rows = service.deliveries(rights.get(), id, page, size);
        return new Page<>(rows.stream().map(d -> DeliveryResponse.of(d, null)).toList(), page, size, service.deliveryCount(id));
    }

    @GET
    @Path("/{id}/deliveries/{deliveryId}")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @Operation(summary = "One delivery and its attempts", description = "Every attempt: when, status code, latency, error class." + WHO)
    @APIResponse(responseCode = "200", description = "The delivery with its attempts",
            content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    public DeliveryResponse delivery(@Parameter(description = "Subscription id") @PathParam("id") UUID id,
                                     @Parameter(description = "Delivery id") @PathParam("deliveryId") UUID deliveryId) {
        SubscriptionService.DeliveryLog log = service.delivery(rights.get(), id, deliveryId);
        return DeliveryResponse.of(log.delivery(), log.attempts());
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redelivery")
    @APIResponse(responseCode = "403", description = NOT_YOURS + "; also when the subscription's owner may no longer read "
            + "the delivery's event (its roles or schools changed since)")
    @Operation(summary = "Deliver one event again", description = "Sends the delivery's event again (same webhook-id), after "
            + "the events of its school already queued for the subscription." + WHO)
    @APIResponse(responseCode = "202", description = "The new delivery, queued",
            content = @Content(schema = @Schema(implementation = DeliveryResponse.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still being delivered, or its event is no longer in the feed")
    public Response redeliver(@Parameter(description = "Subscription id") @PathParam("id") UUID id,
                              @Parameter(description = "Delivery id") @PathParam("deliveryId") UUID deliveryId) {
        DeliveryRow d = service.redeliver(rights.get(), id, deliveryId);
        return Response.accepted(DeliveryResponse.of(d, null)).build();
    }

}
