package org.portfolio.enrollment.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.PeriodService;

import java.time.Instant;

@Schema(description = "The next round of a published period: same programs, the seats this round leaves")
public record NextRoundRequest(
        @Schema(description = "Defaults to \"<name> — round N\"") @Size(max = 200) String name,
        @Schema(examples = "6") @NotNull @Min(1) @Max(20) Integer maxChoices,
        Instant applicationsOpenAt,
        Instant applicationsCloseAt,
        @NotNull Instant offerDeadline,
        @Min(1) @Max(720) Integer waitlistResponseHours) {

    PeriodService.PeriodData data() {
        return new PeriodService.PeriodData(name, null, maxChoices, applicationsOpenAt, applicationsCloseAt, offerDeadline,
                waitlistResponseHours);
    }
}
