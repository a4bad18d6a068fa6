package org.portfolio.integration.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A webhook subscription was disabled because its deliveries kept failing through the retry horizon
 * ({@code portfolio.integration.WebhookDisabled.v1}, subject: the subscription id). No personal data: ids, the
 * target without its query, and why.
 *
 * @param target          scheme, host and port of the endpoint (never its path, query or credentials)
 * @param failingSince    the start of the retry horizon that ran out
 * @param lastStatusCode  the last answer's status, when the endpoint answered
 * @param lastErrorClass  why the last attempt failed (HTTP_STATUS, TIMEOUT, CONNECTION_REFUSED, …)
 */
public record WebhookDisabled(UUID subscriptionId, String ownerClientId, String target, String reason,
                              Instant failingSince, Instant disabledAt, int attempts, Integer lastStatusCode,
                              String lastErrorClass) {

    public static final String NAME = "WebhookDisabled";
}
