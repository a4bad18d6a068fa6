package org.portfolio.autonomy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DomainControl;
import org.portfolio.autonomy.domain.RightsReason;
import org.portfolio.autonomy.domain.SchoolStatus;
import org.portfolio.autonomy.service.DecisionRightsService;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.time.LocalDate;
import java.util.Optional;

@Path("/api/autonomy/portfolio")
@Tag(name = "Portfolio view", description = "Every school × domain with who holds it, for district admins and oversight bodies")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    @Inject
    DecisionRightsService rights;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "The portfolio view",
            description = "Every school the service knows × PEOPLE/TIME/MONEY/PROGRAM: SCHOOL (all decisions), PARTIAL or "
                    + "DISTRICT, the reason, the live grants; totals per domain over every matching school. Sorted by school "
                    + "name. Filters: q (name or district code), schoolStatus (e.g. OPEN); control and/or reason, on any "
                    + "domain or on `domain`. `date` defaults to today. An authorizer's OVERSIGHT client sees the schools of its "
                    + "oversight bodies only. Read-only.")
    @APIResponse(responseCode = "200", description = "One page of schools", content = @Content(schema = @Schema(implementation = PortfolioResponse.class)))
    public PortfolioResponse portfolio(@Parameter(description = "ISO date; default today", schema = @Schema(implementation = LocalDate.class))
                                       @QueryParam("date") String date,
                                       @Parameter(description = "Part of a school's name or district code") @QueryParam("q") @Size(max = 200) String q,
                                       @Parameter(description = "The school's status", schema = @Schema(implementation = SchoolStatus.class))
                                       @QueryParam("schoolStatus") String schoolStatus,
                                       @Parameter(description = "Apply control/reason to this domain only",
                                               schema = @Schema(implementation = AutonomyDomain.class))
                                       @QueryParam("domain") String domain,
                                       @Parameter(description = "Who holds the domain", schema = @Schema(implementation = DomainControl.class))
                                       @QueryParam("control") String control,
                                       @Parameter(description = "Why (GRANTED when the school holds it)", example = "REVOKED",
                                               schema = @Schema(implementation = RightsReason.class))
                                       @QueryParam("reason") String reason,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        DecisionRightsService.PortfolioFilter filter = new DecisionRightsService.PortfolioFilter(
                q == null || q.isBlank() ? null : q.trim(),
                Optional.ofNullable(RestSupport.enumOf(SchoolStatus.class, schoolStatus, "schoolStatus")).map(Enum::name).orElse(null),
                RestSupport.enumOf(AutonomyDomain.class, domain, "domain"),
                RestSupport.enumOf(DomainControl.class, control, "control"),
                RestSupport.enumOf(RightsReason.class, reason, "reason"), caller.visibleSchools());
        return PortfolioResponse.of(rights.portfolio(filter, RestSupport.date(date, "date"), page, size));
    }
}
