package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Evidence;

@Schema(description = "A school's status, its last decision, its current contract and the evidence about it now")
public record SchoolStandingResponse(SchoolResponse school,
                                     @Schema(description = "The latest decision (null if none yet)") StatusDecisionResponse lastDecision,
                                     @Schema(description = "The ACTIVE contract (null if none)") ContractSummaryResponse contract,
                                     Evidence evidence) {
}
