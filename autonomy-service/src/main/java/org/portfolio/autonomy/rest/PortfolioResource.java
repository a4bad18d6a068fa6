package org.portfolio.autonomy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.portfolio.autonomy.service.DecisionRightsService;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

@Path("/api/autonomy/portfolio")
@Tag(name = "Portfolio view", description = "Every school × domain with who holds it, for district admins and oversight bodies")
@Produces(MediaType.APPLICATION_JSON)
public class PortfolioResource {

    @Inject
    DecisionRightsService rights;

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "The portfolio view",
            description = "Every school the service knows × PEOPLE/TIME/MONEY/PROGRAM: SCHOOL (all decisions), PARTIAL or "
                    + "DISTRICT, the reason, the live grants; totals per domain over every matching school. Sorted by school "
                    + "name. Filters: q (name or district code), schoolStatus (e.g. OPEN); control and/or reason, on any domain or on `domain`.")
    @APIResponse(responseCode = "200", description = "One page of schools", content = @Content(schema = @Schema(implementation = PortfolioResponse.class)))
    @APIResponse(responseCode = "400", description = "Bad parameter", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PortfolioResponse portfolio(@Parameter(description = "ISO date; default today") @QueryParam("date") String date,
                                       @Parameter(description = "Part of a school's name or district code") @QueryParam("q") String q,
                                       @Parameter(description = "PROPOSED, OPEN, CLOSING, CLOSED") @QueryParam("schoolStatus") String schoolStatus,
                                       @Parameter(description = "Apply control/reason to this domain only") @QueryParam("domain") String domain,
                                       @Parameter(description = "SCHOOL, PARTIAL, DISTRICT") @QueryParam("control") String control,
                                       @Parameter(description = "e.g. REVOKED") @QueryParam("reason") String reason,
                                       @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        DecisionRightsService.PortfolioFilter filter = new DecisionRightsService.PortfolioFilter(
                q == null || q.isBlank() ? null : q.trim(),
                schoolStatus == null || schoolStatus.isBlank() ? null : schoolStatus.trim(),
                RestSupport.enumOf(AutonomyDomain.class, domain, "domain"),
                RestSupport.enumOf(DomainControl.class, control, "control"),
                RestSupport.enumOf(RightsReason.class, reason, "reason"));
        return PortfolioResponse.of(rights.portfolio(filter, RestSupport.date(date, "date"), page, size));
    }
}
