package org.portfolio.performance.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An integrity flag: raised by a rule when data arrived (evidence as counts), OPEN until oversight or the district
 * resolves it with a resolution code (published) and an optional note (kept here, never published). It never revokes, lowers or escalates anything by itself.
 */
public record IntegrityFlag(UUID id, UUID schoolId, String schoolYear, IntegrityRule rule, String scope,
                            IntegrityFlagStatus status, IntegrityEvidence evidence, String reason, UUID frameworkId,
                            Integer frameworkVersion, UUID jobId, Instant raisedAt, Instant updatedAt,
                            Instant resolvedAt, String resolvedBy, IntegrityResolutionCode resolutionCode,
                            String resolutionNote, long rowVersion) {
}
