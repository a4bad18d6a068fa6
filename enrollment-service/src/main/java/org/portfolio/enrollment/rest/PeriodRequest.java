package org.portfolio.enrollment.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.enrollment.service.PeriodService;

import java.time.Instant;

@Schema(description = "An enrollment period (round) to create or update")
public record PeriodRequest(
        @Schema(examples = "2027-28 Round 1") @NotBlank @Size(max = 200) String name,
        @Schema(description = "The school year applied for", examples = "2027-28")
        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}", message = "must look like 2027-28") String schoolYear,
        @Schema(description = "How many programs an applicant may rank", examples = "12") @NotNull @Min(1) @Max(20) Integer maxChoices,
        @Schema(description = "When the window opens (informational; OPEN is an explicit step)") Instant applicationsOpenAt,
        @Schema(description = "When the window closes (informational; CLOSED is an explicit step)") Instant applicationsCloseAt,
        @Schema(description = "Deadline to accept or decline the offers of the match") @NotNull Instant offerDeadline,
        @Schema(description = "Hours a family has to answer an offer made from a waitlist (default 72)", examples = "72")
        @Min(1) @Max(720) Integer waitlistResponseHours) {

    PeriodService.PeriodData data() {
        return new PeriodService.PeriodData(name, schoolYear, maxChoices, applicationsOpenAt, applicationsCloseAt, offerDeadline,
                waitlistResponseHours);
    }
}
