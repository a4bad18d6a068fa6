package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DecidedBy;
import org.portfolio.autonomy.domain.DomainControl;
import org.portfolio.autonomy.domain.RightsAnswer;
import org.portfolio.autonomy.domain.RightsReason;
import org.portfolio.autonomy.domain.SchoolStatus;
import org.portfolio.autonomy.service.DecisionRightsService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Schema(description = "Who decides what for one school on one date: every decision of the current catalog, by domain",
        requiredProperties = {"schoolId", "date", "catalogVersion", "domains"})
public record DecisionMatrixResponse(
        UUID schoolId, String schoolName,
        @Schema(description = "As contracts-service announced it (absent until it has)") SchoolStatus schoolStatus,
        @Schema(examples = "2026-09-15") LocalDate date,
        @Schema(description = "The catalog version the matrix lists") int catalogVersion,
        List<Domain> domains) {

    @Schema(description = "One domain: SCHOOL (every decision the school's), PARTIAL or DISTRICT",
            requiredProperties = {"domain", "control", "decisions"})
    public record Domain(AutonomyDomain domain, DomainControl control, List<Decision> decisions) {
    }

    @Schema(description = "One decision's answer",
            requiredProperties = {"decision", "name", "allowed", "decidedBy", "reason", "explanation"})
    public record Decision(@Schema(examples = "HIRE_TEACHERS") String decision, String name, boolean allowed,
                           DecidedBy decidedBy, RightsReason reason,
                           @Schema(description = "The grant the answer rests on (absent when none)") UUID grantId,
                           @Schema(description = "Since when that grant had its status (absent when no grant)") Instant since,
                           String explanation) {
    }

    static DecisionMatrixResponse of(DecisionRightsService.SchoolMatrix m) {
        return new DecisionMatrixResponse(m.school().schoolId(), m.school().name(),
                m.school().status() == null ? null : SchoolStatus.valueOf(m.school().status()), m.date(),
                m.catalogVersion(), m.domains().stream().map(d -> new Domain(d.domain(), d.control(),
                d.decisions().stream().map(DecisionMatrixResponse::decision).toList())).toList());
    }

    private static Decision decision(RightsAnswer a) {
        return new Decision(a.decision().code(), a.decision().name(), a.allowed(), a.decidedBy(), a.reason(),
                a.grant() == null ? null : a.grant().id(), a.since(), a.explanation());
    }
}
