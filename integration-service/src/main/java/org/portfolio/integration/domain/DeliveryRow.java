package org.portfolio.integration.domain;


import java.time.Instant;
import java.util.UUID;

/** A delivery as the log shows it. */
public record DeliveryRow(UUID id, UUID subscriptionId, long feedSeq, String eventId, String eventType, String subject,
                          DeliveryTrigger trigger, DeliveryState state, int attempts, Instant createdAt,
                          Instant nextAttemptAt, Instant lastAttemptAt, Instant deliveredAt, Integer lastStatus,
                          String lastError) {
}
