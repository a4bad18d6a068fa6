package org.portfolio.enrollment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.domain.Applicant;
import org.portfolio.enrollment.service.ApplicantService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Roles;

import java.util.UUID;

@Path("/api/enrollment/applicants")
@Tag(name = "Applicants", description = "Children applying (personal data; kept in enrollment-service only)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
public class ApplicantResource {

    @Inject
    ApplicantService applicants;

    @POST
    @Operation(summary = "Record an applicant", description = "A child who may apply in any period (personal data: it stays in "
            + "enrollment-service); its priorities at each program are derived from this data. The externalRef is unique.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "rising sixth grader", value = EnrollmentExamples.APPLICANT)))
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = ApplicantResponse.class)))
    @APIResponse(responseCode = "409", description = "An applicant with this externalRef exists (duplicate-applicant)")
    public Response create(@Valid @NotNull ApplicantRequest r, @Context UriInfo uri) {
        Applicant a = applicants.create(r.data());
        return Response.created(uri.getAbsolutePathBuilder().path(a.id.toString()).build()).tag(EntityTags.of(a.version))
                .entity(ApplicantResponse.of(a)).build();
    }

    @GET
    @Operation(summary = "Find applicants", description = "By external reference, else by last name; all, by name, without a "
            + "filter. A child's reference or name in a query string is kept by whatever sees the URL on the way (a proxy's "
            + "or load balancer's access log, a browser's history): prefer POST /api/enrollment/applicants/search, which "
            + "takes them in its body")
    @APIResponse(responseCode = "200", description = "One page of applicants")
    public Page<ApplicantResponse> search(@QueryParam("externalRef") @Size(max = 60) String externalRef, @QueryParam("lastName") @Size(max = 100) String lastName,
                                          @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                          @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return applicants.search(externalRef, lastName, page, size).map(ApplicantResponse::of);
    }

    @POST
    @Path("/search")
    @Operation(summary = "Find applicants (search in the body)", description = "As GET /api/enrollment/applicants, with the "
            + "reference or name in the body, out of every URL log on the way (log audit, sixteenth pass). Reads only.")
    @RequestBody(content = @Content(examples = {
            @ExampleObject(name = "by reference", value = EnrollmentExamples.APPLICANT_SEARCH_BY_REF),
            @ExampleObject(name = "by last name, second page", value = EnrollmentExamples.APPLICANT_SEARCH_BY_NAME)}))
    @APIResponse(responseCode = "200", description = "One page of applicants")
    @org.eclipse.microprofile.openapi.annotations.extensions.Extension(name = org.portfolio.platform.web.openapi.ProblemResponses.READS_ONLY,
            value = "true", parseValue = true)
    public Page<ApplicantResponse> searchInBody(@Valid @NotNull ApplicantSearchRequest r) {
        return applicants.search(r.externalRef(), r.lastName(), r.pageOrFirst(), r.sizeOrDefault()).map(ApplicantResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an applicant", description = "The applicant's data; the ETag is its version, for If-Match on an update")
    @APIResponse(responseCode = "200", description = "The applicant; ETag is its version", content = @Content(schema = @Schema(implementation = ApplicantResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Applicant a = applicants.get(id);
        return Response.ok(ApplicantResponse.of(a)).tag(EntityTags.of(a.version)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update an applicant", description = "Send If-Match with the ETag you read. Priorities are derived again from the new data.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "last name corrected", value = EnrollmentExamples.APPLICANT_CORRECTED)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ApplicantResponse.class)))
    @APIResponse(responseCode = "409", description = "Another applicant has this externalRef (duplicate-applicant), or the change "
            + "touches the match data of an applicant with an application in a period that is closed and not yet published "
            + "(applicant-being-matched), or an import holding the applicant did not end within 5 s (concurrent-modification: "
            + "send it again)")
    @APIResponse(responseCode = "422", description = "The change would make the applicant's submitted choices ones the period "
            + "cannot accept, for example no longer eligible by grade or zone (invalid-choices, each in errors[])")
    public Response update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ApplicantRequest r) {
        Applicant a = applicants.update(id, ifMatch, r.data());
        return Response.ok(ApplicantResponse.of(a)).tag(EntityTags.of(a.version)).build();
    }
}
