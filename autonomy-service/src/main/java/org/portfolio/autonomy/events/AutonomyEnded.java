package org.portfolio.autonomy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.autonomy.AutonomyEnded.v1} (subject: the school id). See docs/events.md.
 * Published when a grant that was once granted ends. {@code model} and {@code endedAt} are additive fields.
 */
public record AutonomyEnded(UUID grantId, UUID schoolId, String domain, String model, Instant endedAt, Cause cause) {

    public static final String NAME = "AutonomyEnded";

    /** @param kind CONTRACT_ENDED, CONTRACT_AMENDED, SCHOOL_CLOSED, TERM_ENDED, MANUAL */
    public record Cause(String kind, String eventId, String reason, UUID contractId, String description) {
    }
}
