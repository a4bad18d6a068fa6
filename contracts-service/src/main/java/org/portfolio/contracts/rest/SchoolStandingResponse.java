package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Evidence;

@Schema(description = "A school's status, its last decision, its current contract and the evidence about it now",
        requiredProperties = {"school", "evidence"})
public record SchoolStandingResponse(SchoolResponse school,
                                     @Schema(description = "The latest decision (absent before the first)") StatusDecisionResponse lastDecision,
                                     @Schema(description = "The ACTIVE contract (absent when the school has none)") ContractSummaryResponse contract,
                                     Evidence evidence) {
}
