package org.portfolio.performance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.IntegrityFlagResolved.v1} (subject: the school id): oversight or the district
 * resolved an integrity flag with a note. See docs/events.md.
 */
public record IntegrityFlagResolved(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope,
                                    String resolvedBy, String note, Instant resolvedAt) {

    public static final String NAME = "IntegrityFlagResolved";
}
