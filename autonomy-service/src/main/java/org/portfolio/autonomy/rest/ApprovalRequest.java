package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.service.RequestService;

import java.time.LocalDate;
import java.util.List;

@Schema(description = "An approval: its rationale, and optionally a narrower grant than requested")
public record ApprovalRequest(
        @Schema(examples = "Strong plan with measurable outcomes") @NotBlank @Size(max = 5000) String rationale,
        @Schema(description = "Decisions granted, a subset of those requested; absent = all requested")
        @Size(max = 50) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}") String> decisions,
        @Schema(description = "Default: the requested start date") LocalDate effectiveFrom,
        @Schema(description = "Inclusive. Default: the requested end date. Not in the past (400); absent while the "
                + "requested end date has passed: 422") LocalDate effectiveTo) {

    RequestService.Approval approval() {
        return new RequestService.Approval(rationale, decisions, effectiveFrom, effectiveTo);
    }
}
