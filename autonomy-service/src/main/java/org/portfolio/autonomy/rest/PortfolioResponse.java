package org.portfolio.autonomy.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DomainControl;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RightsReason;
import org.portfolio.autonomy.domain.SchoolStatus;
import org.portfolio.autonomy.service.DecisionRightsService;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(description = "Every school × domain: who holds it and why, with totals over all matching schools",
        requiredProperties = {"date", "catalogVersion", "total", "page", "size", "totals", "items"})
public record PortfolioResponse(
        @Schema(examples = "2026-09-15") LocalDate date,
        int catalogVersion,
        @Schema(description = "Matching schools over all pages") long total,
        int page, int size,
        @Schema(description = "Per domain, how many matching schools hold it fully (SCHOOL), partly or not at all")
        Map<AutonomyDomain, Map<DomainControl, Long>> totals,
        List<School> items) {

    @Schema(description = "One school's row", requiredProperties = {"schoolId", "domains"})
    public record School(UUID schoolId, String name, String districtCode,
                         @Schema(description = "As contracts-service announced it (absent until it has)") SchoolStatus schoolStatus,
                         List<Cell> domains) {
    }

    @Schema(description = "One school × domain",
            requiredProperties = {"domain", "control", "reason", "grantStatus", "schoolDecides", "decisions", "grants"})
    public record Cell(
            AutonomyDomain domain,
            @Schema(examples = "DISTRICT") DomainControl control,
            @Schema(description = "GRANTED when the school holds the domain; else the most telling reason why not",
                    examples = "REVOKED") RightsReason reason,
            @Schema(description = "Status of the school's most relevant grant on the domain (ACTIVE, REVOKED, PENDING, "
                    + "ENDED), or NONE", examples = "REVOKED", enumeration = {"ACTIVE", "REVOKED", "PENDING", "ENDED", "NONE"})
            String grantStatus,
            @Schema(description = "Decisions of the domain the school takes") int schoolDecides,
            @Schema(description = "Decisions of the domain in the catalog") int decisions,
            @Schema(description = "The school's live grants on the domain") List<GrantRef> grants) {
    }

    @Schema(requiredProperties = {"grantId", "model", "status", "since"})
    public record GrantRef(UUID grantId, GrantModel model, GrantStatus status, Instant since) {
    }

    static PortfolioResponse of(DecisionRightsService.Portfolio p) {
        return new PortfolioResponse(p.date(), p.catalogVersion(), p.total(), p.page(), p.size(), p.totals(),
                p.rows().stream().map(r -> new School(r.school().schoolId(), r.school().name(),
                        r.school().districtCode(),
                        r.school().status() == null ? null : SchoolStatus.valueOf(r.school().status()),
                        r.domains().stream().map(c -> new Cell(
                        c.domain(), c.control(), c.reason(), c.grantStatus(), c.schoolDecides(), c.decisions(),
                        c.liveGrants().stream().map(g -> new GrantRef(g.id(), g.model(), g.status(), g.since()))
                                .toList())).toList())).toList());
    }
}
