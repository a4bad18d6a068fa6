package org.portfolio.integration.domain;


import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** One event of the feed as stored: the original CloudEvent's attributes and data, and who may read it. */
public record FeedRow(long seq, String eventId, String type, String source, String subject, Instant time, String data,
                      Audience audience, Set<UUID> schoolIds, String ownerClient) {
}
