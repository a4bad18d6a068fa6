package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.service.AccountabilityClock;

import java.time.LocalDate;

@Schema(description = "What one run of the accountability clock found and applied (findings already applied by an "
        + "earlier run, or by another replica, are not counted again)",
        requiredProperties = {"today", "stepsOverdue", "stepsEscalated", "benchmarksMissingData"})
public record ClockRunResponse(@Schema(description = "The day the clock ran for") LocalDate today,
                               @Schema(description = "Intervention steps newly found overdue") int stepsOverdue,
                               @Schema(description = "Of those, escalated one level (the contract says ESCALATE)") int stepsEscalated,
                               @Schema(description = "Benchmarks newly found MISSING_DATA") int benchmarksMissingData) {

    static ClockRunResponse of(AccountabilityClock.Run r) {
        return new ClockRunResponse(r.today(), r.stepsOverdue(), r.stepsEscalated(), r.benchmarksMissingData());
    }
}
