package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.IntegrityOutcome;
import org.portfolio.performance.domain.IntegrityRule;

import java.time.Instant;

@Schema(description = "The latest outcome of one integrity rule for the school and year: FLAGGED, CLEAR, or "
        + "NOT_COMPUTABLE when the school did not send what the rule needs (the reason says what)",
        requiredProperties = {"rule", "scope", "outcome", "reason", "evidence", "checkedAt"})
public record IntegrityCheckResponse(IntegrityRule rule,
                                     @Schema(description = "Subject, metric code, or empty for the school") String scope,
                                     IntegrityOutcome outcome,
                                     @Schema(description = "What was found, in words") String reason,
                                     IntegrityEvidenceResponse evidence, Instant checkedAt) {

    /** {@code allFigures}: DISTRICT_ADMIN or OVERSIGHT; a school leader sees what {@link PriorResultsRedaction} leaves. */
    static IntegrityCheckResponse of(org.portfolio.performance.domain.IntegrityCheckResult c, boolean allFigures) {
        var k = c.check();
        String reason = allFigures ? k.reason() : PriorResultsRedaction.reason(k.rule(), k.outcome(), k.evidence(), k.reason());
        var evidence = allFigures ? k.evidence() : PriorResultsRedaction.evidence(k.rule(), k.evidence());
        return new IntegrityCheckResponse(k.rule(), k.scope(), k.outcome(), reason == null ? "" : reason,
                IntegrityEvidenceResponse.of(evidence), c.checkedAt());
    }
}
