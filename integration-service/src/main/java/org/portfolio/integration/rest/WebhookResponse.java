package org.portfolio.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.integration.domain.SubscriptionStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook subscription (never its secret, except once in the answer that creates or rotates it). */
@Schema(name = "Webhook")
public record WebhookResponse(
        @Schema(required = true) UUID id,
        @Schema(required = true) String url,
        String description,
        @Schema(required = true) List<EventTypeName> eventTypes,
        @Schema(description = "Only events about these schools; empty: every school", required = true) List<UUID> schoolIds,
        @Schema(description = "ACTIVE delivers; PAUSED and DISABLED keep their queue until resumed", required = true) SubscriptionStatus status,
        @Schema(description = "Why it is paused or disabled") String statusReason,
        @Schema(description = "The API client that owns it: its roles decide what it receives", required = true) String ownerClientId,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt,
        @Schema(description = "After a rotation: until then the secrets it replaced sign too (one more v1 signature each, "
                + "newest first); absent when only the current secret signs") Instant previousSecretExpiresAt,
        @Schema(description = "The signing secret (Standard Webhooks, whsec_…): only in the answer that registers the "
                + "subscription or rotates its secret. Keep it; it is not shown again.", examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        String secret) {

    static WebhookResponse of(Subscription s, String secret, Instant now) {
        Instant grace = s.earlierSecretsSignUntil(now);
        return new WebhookResponse(s.id, s.url, s.description, s.eventTypes.stream().map(EventTypeName::of).toList(), List.copyOf(s.schoolIds), s.status,
                s.statusReason, s.ownerClient, s.createdAt, s.updatedAt, grace, secret);
    }
}
