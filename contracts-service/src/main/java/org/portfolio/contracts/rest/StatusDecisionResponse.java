package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Evidence;
import org.portfolio.contracts.domain.SchoolStatus;
import org.portfolio.contracts.domain.SchoolStatusDecision;
import org.portfolio.contracts.domain.StatusDecisionKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

@Schema(description = "A recorded oversight decision on a school, with the evidence that was in front of the deciders",
        requiredProperties = {"id", "schoolId", "decision", "previousStatus", "status", "reason", "decidedBy", "effectiveDate",
                "decidedAt", "evidence"})
public record StatusDecisionResponse(UUID id, UUID schoolId, @Schema(examples = "OPEN") StatusDecisionKind decision,
                                     @Schema(examples = "PROPOSED") SchoolStatus previousStatus,
                                     @Schema(examples = "OPEN") SchoolStatus status, String reason,
                                     String decidedBy, LocalDate effectiveDate, Instant decidedAt,
                                     @Schema(description = "Latest ratings, family demand and contract standing at the time")
                                     Evidence evidence) {

    static StatusDecisionResponse of(SchoolStatusDecision d, Evidence evidence) {
        return new StatusDecisionResponse(d.id, d.schoolId, d.decision, d.previousStatus, d.status, d.reason, d.decidedBy,
                d.effectiveDate, d.decidedAt, evidence);
    }
}
