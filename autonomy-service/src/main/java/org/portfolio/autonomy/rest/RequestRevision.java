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

@Schema(description = "The school's revision of an open request (e.g. after reviewers' comments); the domain stays")
public record RequestRevision(
        @NotNull AutonomyDomain domain,
        @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{1,59}") String> decisions,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 20000) String justification,
        @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 1000) String> expectedOutcomes,
        @NotNull LocalDate startDate,
        @NotNull LocalDate endDate,
        @Schema(description = "What changed, for the reviewers") @Size(max = 10000) String note) {

    RequestService.Proposal proposal() {
        return new RequestService.Proposal(domain, decisions, title, justification, expectedOutcomes, startDate, endDate);
    }
}
