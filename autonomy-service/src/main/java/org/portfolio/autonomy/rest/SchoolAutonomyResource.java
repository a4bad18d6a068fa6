package org.portfolio.autonomy.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.autonomy.domain.GrantHistory;
import org.portfolio.autonomy.service.BenchmarkService;
import org.portfolio.autonomy.service.DecisionRightsService;
import org.portfolio.autonomy.service.EligibilityService;
import org.portfolio.autonomy.service.GrantService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Path("/api/autonomy/schools/{schoolId}")
@Tag(name = "Decision rights", description = "Who decides: the check other district systems call on every hire or purchase, the per-school matrix, and a school's history")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolAutonomyResource {

    @Inject
    DecisionRightsService rights;

    @Inject
    GrantService grants;

    @Inject
    BenchmarkService benchmarks;

    @Inject
    EligibilityService eligibility;

    @Inject
    Caller caller;

    @GET
    @Path("/decision-rights/{decision}")
    @PermitAll
    @Operation(summary = "May the school take this decision?",
            description = "Public (anonymous and every role). Yes/no, who decides (SCHOOL or DISTRICT), and the basis: the grant "
                    + "in force, or why not (never granted, pending eligibility, revoked on a date by a missed benchmark "
                    + "with its target and actual, ended, …). `date` defaults to today in the district's time zone; "
                    + "for a past date the answer uses the grants as they stood at the end of that day (status, "
                    + "decisions, effective dates) and the catalog version then in force. Read-only; "
                    + "served from a cache kept current by the grant events, so it is cheap to call on every decision.")
    @APIResponse(responseCode = "200", description = "The answer", content = @Content(schema = @Schema(implementation = DecisionRightsResponse.class)))
    @APIResponse(responseCode = "404", description = "The school is unknown to the autonomy service, or the decision code is not in the catalog (retired ones are), or for a past date was added to it after that date")
    public DecisionRightsResponse check(@PathParam("schoolId") UUID schoolId,
                                        @Parameter(description = "Decision code", example = "HIRE_TEACHERS",
                                                schema = @Schema(type = SchemaType.STRING, pattern = DecisionCatalogResource.CODE)) @PathParam("decision") String decision,
                                        @Parameter(description = "ISO date; default today", example = "2026-09-15",
                                                schema = @Schema(implementation = LocalDate.class))
                                        @QueryParam("date") String date) {
        return DecisionRightsResponse.of(rights.check(schoolId, decision, RestSupport.date(date, "date")));
    }

    @GET
    @Path("/decision-rights")
    @PermitAll
    @Operation(summary = "The school's decision-rights matrix",
            description = "Public (anonymous and every role). Every decision of the catalog in force on the date (today's "
                    + "catalog for today and later dates) by domain, with "
                    + "who decides it on the date (default today), why, and the grant it rests on; per domain SCHOOL "
                    + "(every decision the school's), PARTIAL or DISTRICT. Read-only.")
    @APIResponse(responseCode = "200", description = "The matrix", content = @Content(schema = @Schema(implementation = DecisionMatrixResponse.class)))
    public DecisionMatrixResponse matrix(@PathParam("schoolId") UUID schoolId,
                                        @Parameter(description = "ISO date; default today", example = "2026-09-15",
                                                schema = @Schema(implementation = LocalDate.class))
                                        @QueryParam("date") String date) {
        return DecisionMatrixResponse.of(rights.matrix(schoolId, RestSupport.date(date, "date")));
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Every change to the school's grants", description = "One page of the history of every "
            + "grant of the school, oldest first: the action, the status before (absent for a grant's creation) and "
            + "after, and the stored cause (the event and what it said, or a person's reason).")
    @APIResponse(responseCode = "200", description = "One page of the history")
    public Page<GrantHistoryResponse> history(@PathParam("schoolId") UUID schoolId,
                                              @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                              @QueryParam("size") @DefaultValue("100") @Min(1) @Max(500) int size) {
        caller.requireSchool(schoolId);
        requireKnown(schoolId);
        PanacheQuery<GrantHistory> q = grants.historyOfSchool(schoolId);
        return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list().stream()
                .map(GrantHistoryResponse::of).toList(), page, size, q.count());
    }

    @GET
    @Path("/benchmark-evaluations")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Benchmark evaluations received for the school",
            description = "One page of the BenchmarkEvaluated events received for the school (MET or MISSED, target, "
                    + "actual, guarded domains), newest first, with how many grants each revoked or reinstated (also "
                    + "those that changed nothing).")
    @APIResponse(responseCode = "200", description = "One page of evaluations")
    public Page<BenchmarkEvaluationResponse> evaluations(@PathParam("schoolId") UUID schoolId,
                                                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        caller.requireSchool(schoolId);
        requireKnown(schoolId);
        return new Page<>(benchmarks.ofSchool(schoolId, page, size).stream().map(BenchmarkEvaluationResponse::of).toList(),
                page, size, benchmarks.countOfSchool(schoolId));
    }

    @GET
    @Path("/ratings")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "The school's published ratings this service holds",
            description = "The evidence for EARNED eligibility: the latest SchoolRatingPublished per school year "
                    + "(tier, percent, framework version), latest year first.")
    @APIResponse(responseCode = "200", description = "The ratings")
    public List<RatingResponse> ratings(@PathParam("schoolId") UUID schoolId) {
        caller.requireSchool(schoolId);
        requireKnown(schoolId);
        return eligibility.ratingsOf(schoolId).stream().map(RatingResponse::of).toList();
    }

    private void requireKnown(UUID schoolId) {
        if (!grants.schoolKnown(schoolId)) {
            throw ProblemException.notFound("School", schoolId + " (unknown to the autonomy service)");
        }
    }
}
