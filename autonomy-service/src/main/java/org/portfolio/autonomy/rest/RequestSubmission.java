package org.portfolio.autonomy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.service.RequestService;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "A school's request for a programmatic autonomy: what, why, which outcomes, for how long")
public record RequestSubmission(
        @NotNull UUID schoolId,
        @Schema(examples = "TIME") @NotNull AutonomyDomain domain,
        @Schema(description = "The decisions wanted (codes of the domain)", examples = "[\"EXTEND_SCHOOL_DAY\"]")
        @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}") String> decisions,
        @Schema(examples = "Extended learning day for grades 6-8") @NotBlank @Size(max = 200) String title,
        @Schema(description = "The justification plan: why these decisions are needed and how the school will use them")
        @NotBlank @Size(max = 20000) String justification,
        @Schema(description = "The outcomes the school commits to", examples = "[\"ELA proficiency +5 points by 2028-29\"]")
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> expectedOutcomes,
        @Schema(description = "First day of the requested autonomy", examples = "2027-07-01") @NotNull LocalDate startDate,
        @Schema(description = "Last day (inclusive)", examples = "2029-06-30") @NotNull LocalDate endDate) {

    RequestService.Proposal proposal() {
        return new RequestService.Proposal(domain, decisions, title, justification, expectedOutcomes, startDate, endDate);
    }
}
