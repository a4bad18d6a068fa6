package org.portfolio.contracts.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.InterventionLevel;

import java.time.LocalDate;

@Schema(description = "An oversight decision on a contract's intervention level (up or down)")
public record InterventionRequest(
        @Schema(examples = "NONE") @NotNull InterventionLevel level,
        @Schema(examples = "Corrective action plan completed; vacancies filled") @NotBlank @Size(max = 2000) String reason,
        @Schema(description = "The date the step counts from (its due and review dates follow from it). Default: today; "
                + "not after the contract's last day, its decided end or else its term's, nor before its first day, its term's "
                + "first day or the day it was activated if earlier (422). A step dated in the past counts from that date: "
                + "if its due date has passed too, it is overdue at once, and the hourly accountability clock acts on it "
                + "(escalates it where the contract's terms say so)", examples = "2027-01-15") LocalDate effectiveDate) {
}
