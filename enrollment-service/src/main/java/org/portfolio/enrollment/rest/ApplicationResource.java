package org.portfolio.enrollment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.domain.Application;
import org.portfolio.enrollment.service.ApplicationService;
import org.portfolio.enrollment.service.ResultService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.Problem;
import org.portfolio.platform.web.security.Roles;

import java.io.InputStream;
import java.util.UUID;

@Path("/api/enrollment/periods/{periodId}")
@Tag(name = "Applications", description = "Ranked applications, their priorities, bulk import and each applicant's result")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
public class ApplicationResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    ApplicationService applications;
    @Inject
    ResultService results;

    @PUT
    @Path("/applications/{applicantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit or change an application", description = "While the period is OPEN. Checks: at most the period's "
            + "maximum of choices, no program twice, programs of this period at schools taking part, eligibility (grade, zone). "
            + "Answers with the priority group the applicant has at each choice.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ApplicationResponse.class)))
    @APIResponse(responseCode = "201", description = "Submitted; Location names it", content = @Content(schema = @Schema(implementation = ApplicationResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Conflicts with the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Well-formed but cannot be applied", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId,
                           @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ApplicationRequest r, @Context UriInfo uri) {
        ApplicationService.Submitted s = applications.submit(periodId, applicantId, ifMatch, r.choices());
        ApplicationResponse body = ApplicationResponse.of(s.application(), applications.view(s.application()));
        Response.ResponseBuilder rb = s.created() ? Response.created(uri.getAbsolutePath()) : Response.ok();
        return rb.tag(EntityTags.of(s.application().version)).entity(body).build();
    }

    @GET
    @Path("/applications/{applicantId}")
    @Operation(summary = "Get an application", description = "With the applicant's priority group at each choice, as shown to the family")
    @APIResponse(responseCode = "200", description = "The application; ETag is its version", content = @Content(schema = @Schema(implementation = ApplicationResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        Application a = applications.get(periodId, applicantId);
        return Response.ok(ApplicationResponse.of(a, applications.view(a))).tag(EntityTags.of(a.version)).build();
    }

    @DELETE
    @Path("/applications/{applicantId}")
    @Operation(summary = "Withdraw an application", description = "While the period is OPEN")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Conflicts with the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response withdraw(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        applications.withdraw(periodId, applicantId);
        return Response.noContent().build();
    }

    @GET
    @Path("/applications")
    @Operation(summary = "List applications", description = "In submission order")
    @APIResponse(responseCode = "200", description = "One page of applications")
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ApplicationResponse.Summary> list(@PathParam("periodId") UUID periodId,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                  @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return applications.list(periodId, page, size).map(ApplicationResponse.Summary::of);
    }

    @POST
    @Path("/application-imports")
    @Consumes(NDJSON)
    @Operation(summary = "Import applications in bulk", description = "NDJSON, one line per applicant: "
            + "{\"applicant\": {externalRef, firstName, lastName, birthDate, grade, homeZone, currentSchoolId, siblingSchoolIds, "
            + "staffSchoolIds, flags}, \"choices\": [programId, …]}. All or nothing; every line is checked like a single "
            + "submission and problems are reported with their line numbers. Applicants are created or updated by externalRef.")
    @APIResponse(responseCode = "200", description = "Imported", content = @Content(schema = @Schema(implementation = ApplicationService.ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Conflicts with the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Unsupported Content-Type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Well-formed but cannot be applied", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApplicationService.ImportResult importApplications(@PathParam("periodId") UUID periodId, InputStream body) {
        return applications.importApplications(periodId, body);
    }

    @GET
    @Path("/applications/{applicantId}/result")
    @Operation(summary = "An applicant's result", description = "The offer, the waitlists with positions, the lottery number, and for "
            + "every choice above the offer why it was not offered (the last seat's group and lottery against the applicant's)")
    @APIResponse(responseCode = "200", description = "The result", content = @Content(schema = @Schema(implementation = ResultResponse.class)))
    @APIResponse(responseCode = "401", description = "No valid token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Role or school scope not allowed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such period, program, applicant or offer", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Conflicts with the current state", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResultResponse result(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        return ResultResponse.of(results.result(periodId, applicantId));
    }
}
