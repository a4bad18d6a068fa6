package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.integration.domain.AttemptRow;
import org.portfolio.integration.domain.DeliveryRow;
import org.portfolio.integration.domain.DeliveryState;
import org.portfolio.integration.domain.DeliveryTrigger;
import org.portfolio.integration.domain.ErrorClass;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One delivery of one event to one subscription, from the delivery log. */
@Schema(name = "Delivery")
public record DeliveryResponse(
        @Schema(required = true) UUID id,
        @Schema(description = "The event id, sent as webhook-id (the same on every attempt and redelivery)", required = true) String eventId,
        @Schema(required = true) EventTypeName eventType,
        @Schema(description = "The event's subject (its school)") String subject,
        @Schema(description = "The event's place in the feed", pattern = "^[0-9]{1,18}$", required = true) String sequence,
        @Schema(description = "EVENT: a new event; REDELIVERY: sent again on request; REPLAY: from a replay", required = true) DeliveryTrigger trigger,
        @Schema(description = "QUEUED behind an older event of the same school; PENDING due at nextAttemptAt; IN_FLIGHT; "
                + "DELIVERED (acknowledged with a 2xx); SKIPPED (the owner may no longer read it)", required = true) DeliveryState state,
        @Schema(required = true) int attempts,
        @Schema(required = true) Instant createdAt,
        @Schema(description = "When it is tried next (PENDING only)") Instant nextAttemptAt,
        Instant lastAttemptAt,
        @Schema(description = "When it was acknowledged (or skipped)") Instant deliveredAt,
        Integer lastStatusCode,
        ErrorClass lastErrorClass,
        @Schema(description = "Every attempt (only when one delivery is read)") List<AttemptResponse> attemptLog) {

    static DeliveryResponse of(DeliveryRow d, List<AttemptRow> attempts) {
        return new DeliveryResponse(d.id(), d.eventId(), EventTypeName.of(d.eventType()), d.subject(), Long.toString(d.feedSeq()), d.trigger(),
                d.state(), d.attempts(), d.createdAt(), d.nextAttemptAt(), d.lastAttemptAt(), d.deliveredAt(), d.lastStatus(),
                d.lastError() == null ? null : ErrorClass.valueOf(d.lastError()),
                attempts == null ? null : attempts.stream().map(AttemptResponse::of).toList());
    }
}
