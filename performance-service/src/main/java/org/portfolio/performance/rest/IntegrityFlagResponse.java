package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.IntegrityEvidence;
import org.portfolio.performance.domain.IntegrityFlag;
import org.portfolio.performance.domain.IntegrityResolutionCode;
import org.portfolio.performance.domain.IntegrityFlagStatus;
import org.portfolio.performance.domain.IntegrityRule;

import java.time.Instant;
import java.util.UUID;

@Schema(description = "An integrity flag: raised by a rule when data arrived, with its evidence as counts (never a "
        + "student id); OPEN until oversight or the district resolves it with a note. A flag never revokes, lowers or "
        + "escalates anything by itself",
        requiredProperties = {"id", "schoolId", "schoolYear", "rule", "scope", "status", "evidence", "raisedAt",
                "updatedAt", "rowVersion"})
public record IntegrityFlagResponse(UUID id, UUID schoolId, @Schema(examples = "2026-27") String schoolYear,
                                    IntegrityRule rule,
                                    @Schema(description = "The subject (participation, exclusion), the metric code "
                                            + "(year-over-year change), or empty (enrollment drop)", examples = "MATH")
                                    String scope,
                                    IntegrityFlagStatus status,
                                    @Schema(description = "What the rule found, in words (absent for a flag whose check "
                                            + "was not kept)") String reason,
                                    @Schema(description = "Aggregate counts and figures; which fields are there depends "
                                            + "on the rule (docs/performance-service.md#integrity-flags)")
                                    IntegrityEvidenceResponse evidence,
                                    @Schema(description = "The framework whose thresholds applied (absent when none was "
                                            + "published: the defaults)") UUID frameworkId,
                                    @Schema(description = "Its version (absent with frameworkId)") Integer frameworkVersion,
                                    @Schema(description = "The upload that raised it (absent when a framework's "
                                            + "publication or enrollment's demand did)") UUID jobId,
                                    Instant raisedAt,
                                    @Schema(description = "Last change: raised, evidence brought up to date, resolved")
                                    Instant updatedAt,
                                    @Schema(description = "When it was resolved (absent while OPEN)") Instant resolvedAt,
                                    @Schema(description = "The client that resolved it (absent while OPEN)") String resolvedBy,
                                    @Schema(description = "How it was resolved (absent while OPEN); the published part of "
                                            + "the resolution") IntegrityResolutionCode resolutionCode,
                                    @Schema(description = "The resolution note (absent while OPEN, or when none was given): "
                                            + "kept in this service, never published") String resolutionNote,
                                    @Schema(description = "Changes with every write of the flag") long rowVersion) {

    /** {@code allFigures}: DISTRICT_ADMIN or OVERSIGHT; a school leader sees what {@link PriorResultsRedaction} leaves. */
    static IntegrityFlagResponse of(IntegrityFlag f, boolean allFigures) {
        String reason = allFigures ? f.reason()
                : PriorResultsRedaction.reason(f.rule(), org.portfolio.performance.domain.IntegrityOutcome.FLAGGED, f.evidence(), f.reason());
        var evidence = allFigures ? f.evidence() : PriorResultsRedaction.evidence(f.rule(), f.evidence());
        return new IntegrityFlagResponse(f.id(), f.schoolId(), f.schoolYear(), f.rule(), f.scope(), f.status(), reason,
                IntegrityEvidenceResponse.of(evidence), f.frameworkId(), f.frameworkVersion(), f.jobId(), f.raisedAt(),
                f.updatedAt(), f.resolvedAt(), f.resolvedBy(), f.resolutionCode(), f.resolutionNote(), f.rowVersion());
    }
}
