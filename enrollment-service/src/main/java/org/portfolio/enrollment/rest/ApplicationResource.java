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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.domain.Application;
import org.portfolio.enrollment.service.ApplicationService;
import org.portfolio.enrollment.service.LikelyDuplicateService;
import org.portfolio.enrollment.service.ResultService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
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
    @Inject
    LikelyDuplicateService duplicates;

    @PUT
    @Path("/applications/{applicantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit or change an application", description = "While the period is OPEN. Checks: at most the period's "
            + "maximum of choices, no program twice, programs of this period at schools taking part, eligibility (grade, zone). "
            + "Answers with the priority group the applicant has at each choice. If-Match is optional (send the ETag you read "
            + "to change an application only if nobody else did).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "three ranked choices", value = EnrollmentExamples.APPLICATION)))
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = ApplicationResponse.class)))
    @APIResponse(responseCode = "201", description = "Submitted; Location names it", content = @Content(schema = @Schema(implementation = ApplicationResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is not OPEN (period-not-open), or the applicant holds an offer from "
            + "an earlier round (holds-offer), or an import holding the applicant, or an import or a close holding the period, "
            + "did not end within 5 s (concurrent-modification: send it again)")
    @APIResponse(responseCode = "422", description = "The choices cannot be accepted (invalid-choices, each in errors[]): more than the "
            + "period allows, a program twice, a program of another period or at a school not taking part, or not eligible (grade, zone)")
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
    public Response get(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        Application a = applications.get(periodId, applicantId);
        return Response.ok(ApplicationResponse.of(a, applications.view(a))).tag(EntityTags.of(a.version)).build();
    }

    @DELETE
    @Path("/applications/{applicantId}")
    @Operation(summary = "Withdraw an application", description = "While the period is OPEN; the applicant takes no part in the match, "
            + "and is back, at its place, on the earlier rounds' waitlists it left when it applied here")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "The period is not OPEN (period-not-open), or an import holding the applicant, "
            + "or an import or a close holding the period, did not end within 5 s (concurrent-modification: send it again)")
    public Response withdraw(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        applications.withdraw(periodId, applicantId);
        return Response.noContent().build();
    }

    @GET
    @Path("/applications")
    @Operation(summary = "List applications", description = "The period's applications (ranked program ids, no priorities), in submission order, one page at a time")
    @APIResponse(responseCode = "200", description = "One page of applications")
    public Page<ApplicationResponse.Summary> list(@PathParam("periodId") UUID periodId,
                                                  @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                  @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return applications.list(periodId, page, size).map(ApplicationResponse.Summary::of);
    }

    @GET
    @Path("/likely-duplicates")
    @Operation(summary = "Likely duplicate applicants", description = "Applicants with a submitted application in the period "
            + "who share a birth date and both names (compared by their letters and digits, in either order): likely one "
            + "child entered under two references, who would draw two lottery numbers and could hold two seats. Read them "
            + "before the close and withdraw the application that should not be there; nothing is withdrawn for you. "
            + "Groups by their first applicant's external reference, one page at a time")
    @APIResponse(responseCode = "200", description = "One page of groups (none: an empty page)")
    public Page<LikelyDuplicateResponse> likelyDuplicates(@PathParam("periodId") UUID periodId,
                                                          @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                          @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return duplicates.find(periodId, page, size).map(LikelyDuplicateResponse::of);
    }

    @POST
    @Path("/application-imports")
    @Consumes(NDJSON)
    @Operation(summary = "Import applications in bulk", description = "NDJSON, one line per applicant: "
            + "{\"applicant\": {externalRef, firstName, lastName, birthDate, grade, homeZone, currentSchoolId, siblingSchoolIds, "
            + "staffSchoolIds, flags}, \"choices\": [programId, …]}. All or nothing; every line is checked like a single "
            + "submission and problems are reported with their line numbers. Applicants are created or updated by externalRef.")
    // text, not format: binary (SmallRye's default for an InputStream): generated clients read a binary body as a file
    // to open, and a Python client took the NDJSON string for a file name (eleventh pass); a string goes as it is
    @RequestBody(required = true, content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING,
            description = "One JSON object per line (UTF-8), each an ApplicationImportLine (#/components/schemas/ApplicationImportLine)")))
    @APIResponse(responseCode = "200", description = "Imported", content = @Content(schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed periodId, a body that cannot be read, or no import line")
    @APIResponse(responseCode = "409", description = "The period is not OPEN (period-not-open), or applicants hold an offer from an "
            + "earlier round (holds-offer, each in errors[]), or lines change the match data of applicants with an application "
            + "in a period that is closed and not yet published (applicant-being-matched, each in errors[]), or an applicant of "
            + "the import was created by another request at the same moment (concurrent-modification: send it again)")
    @APIResponse(responseCode = "422", description = "Lines that cannot be imported (invalid-choices): errors[] names each by its line "
            + "number (unreadable line, invalid applicant, a reference twice, choices that cannot be accepted)")
    public ImportResult importApplications(@PathParam("periodId") UUID periodId, InputStream body) {
        return ImportResult.of(applications.importApplications(periodId, body));
    }

    @Schema(description = "What an import did", requiredProperties = {"applications", "applicantsCreated", "applicantsUpdated", "millis"})
    public record ImportResult(@Schema(description = "Applications imported (one per line)") int applications,
                               int applicantsCreated, int applicantsUpdated,
                               @Schema(description = "How long the import took") long millis) {
        static ImportResult of(ApplicationService.ImportResult r) {
            return new ImportResult(r.applications(), r.applicantsCreated(), r.applicantsUpdated(), r.millis());
        }
    }

    @GET
    @Path("/applications/{applicantId}/result")
    @Operation(summary = "An applicant's result", description = "The offer, the waitlists with positions, the lottery number, and for "
            + "every choice above the offer why it was not offered (the last seat's group and lottery against the applicant's)")
    @APIResponse(responseCode = "200", description = "The result", content = @Content(schema = @Schema(implementation = ResultResponse.class)))
    @APIResponse(responseCode = "409", description = "The period has no match results yet: it is not MATCHED or PUBLISHED (results-not-published)")
    public ResultResponse result(@PathParam("periodId") UUID periodId, @PathParam("applicantId") UUID applicantId) {
        return ResultResponse.of(results.result(periodId, applicantId));
    }
}
