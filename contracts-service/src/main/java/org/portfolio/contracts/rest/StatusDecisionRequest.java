package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.StatusDecisionKind;

import java.time.LocalDate;

@Schema(description = "An oversight decision on a school: OPEN (PROPOSED → OPEN), RENEW (OPEN stays OPEN), "
        + "BEGIN_CLOSURE (OPEN → CLOSING), RESCIND_CLOSURE (CLOSING → OPEN), CLOSE (PROPOSED, OPEN or CLOSING → CLOSED)")
public record StatusDecisionRequest(
        @Schema(examples = "OPEN") @NotNull StatusDecisionKind decision,
        @Schema(examples = "Charter approved by the board") @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "Default: today; CLOSE cannot be in the future", examples = "2026-08-15") LocalDate effectiveDate) {
}
