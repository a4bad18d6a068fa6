package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DecidedBy;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSnapshot;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RightsAnswer;
import org.portfolio.autonomy.domain.RightsReason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "May the school take this decision on this date? Who decides, and on what basis",
        requiredProperties = {"schoolId", "decision", "decisionName", "domain", "date", "allowed", "decidedBy", "basis"})
public record DecisionRightsResponse(
        UUID schoolId,
        @Schema(examples = "HIRE_TEACHERS") String decision,
        @Schema(examples = "Hire teachers") String decisionName,
        @Schema(examples = "PEOPLE") AutonomyDomain domain,
        @Schema(examples = "2026-09-15") LocalDate date,
        @Schema(description = "True when the school decides") boolean allowed,
        @Schema(examples = "DISTRICT") DecidedBy decidedBy,
        Basis basis) {

    @Schema(description = "The grant the answer rests on, or why there is none in force",
            requiredProperties = {"reason", "explanation"})
    public record Basis(
            @Schema(examples = "REVOKED") RightsReason reason,
            @Schema(examples = "The district decides: PEOPLE autonomy (HIRE_TEACHERS) was revoked on 2026-09-10 because "
                    + "benchmark TEACHER_VACANCIES 2026-27 was missed (target ≤ 3, actual 7; benchmark …).")
            String explanation,
            UUID grantId, GrantModel model, GrantSource source,
            @Schema(description = "The grant's status on the date asked about") GrantStatus grantStatus,
            @Schema(description = "Since when the grant had that status") Instant since,
            LocalDate effectiveFrom, LocalDate effectiveTo,
            @Schema(description = "Decisions the grant covers; empty = the whole domain") List<String> decisions,
            UUID contractId, UUID requestId,
            @Schema(description = "The stored cause of that status (a public answer: without the API client that acted, "
                    + "nor an approval's rationale)") CauseResponse cause) {
    }

    static DecisionRightsResponse of(RightsAnswer a) {
        GrantSnapshot g = a.grant();
        Basis basis = g == null
                ? new Basis(a.reason(), a.explanation(), null, null, null, null, null, null, null, null, null, null, null)
                : new Basis(a.reason(), a.explanation(), g.id(), g.model(), g.source(), a.grantStatus(), a.since(),
                g.effectiveFrom(), g.effectiveTo(), g.decisions().stream().sorted().toList(), g.contractId(),
                g.requestId(), CauseResponse.ofPublic(a.cause()));
        return new DecisionRightsResponse(a.schoolId(), a.decision().code(), a.decision().name(), a.decision().domain(),
                a.date(), a.allowed(), a.decidedBy(), basis);
    }
}
