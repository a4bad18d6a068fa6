package org.portfolio.performance.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code portfolio.performance.IntegrityFlagResolved.v1} (subject: the school id): oversight or the district
 * resolved an integrity flag. Issue 15 (free text must not be published): {@code resolutionCode} is new; {@code note}
 * is deprecated and carries the same code's name, never the resolver's free text (kept in performance-service).
 * See docs/events.md.
 */
public record IntegrityFlagResolved(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope,
                                    String resolvedBy, String resolutionCode, @Deprecated String note,
                                    Instant resolvedAt) {

    public static final String NAME = "IntegrityFlagResolved";

    public static IntegrityFlagResolved of(UUID flagId, UUID schoolId, String schoolYear, String rule, String scope,
                                           String resolvedBy, String resolutionCode, Instant resolvedAt) {
        return new IntegrityFlagResolved(flagId, schoolId, schoolYear, rule, scope, resolvedBy, resolutionCode,
                resolutionCode, resolvedAt);
    }
}
