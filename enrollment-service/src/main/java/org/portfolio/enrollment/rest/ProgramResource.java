package org.portfolio.enrollment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.Program;
import org.portfolio.enrollment.domain.WaitlistEntry;
import org.portfolio.enrollment.service.ProgramService;
import org.portfolio.enrollment.service.ResultService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.List;
import java.util.UUID;

@Path("/api/enrollment/periods/{periodId}")
@Tag(name = "Programs", description = "Programs of a period: seats, priority order, set-asides, eligibility; statistics and waitlists")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProgramResource {

    @Inject
    ProgramService programs;
    @Inject
    ResultService results;
    @Inject
    Caller caller;

    @POST
    @Path("/programs")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "Add a program", description = "While the period is DRAFT or OPEN; the school must be known from the registry's events")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "grade 6 at Eastside", value = EnrollmentExamples.PROGRAM)))
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is no longer DRAFT or OPEN (programs-locked), the school has this "
            + "program already (duplicate-program), or the period has 3,000 programs, as many as one round can publish (too-many-programs)")
    @APIResponse(responseCode = "422", description = "The school is unknown to enrollment, does not take part (not OPEN, or "
            + "under revocation) or does not serve the grade, a priority group is listed twice or GENERAL is not "
            + "last, or the set-asides repeat a group or add up to more than 100%")
    public Response create(@PathParam("periodId") UUID periodId, @Valid @NotNull ProgramRequest r, @Context UriInfo uri) {
        Program p = programs.create(periodId, r.data());
        return Response.created(uri.getAbsolutePathBuilder().path(p.id.toString()).build()).tag(EntityTags.of(p.version))
                .entity(ProgramResponse.of(p)).build();
    }

    @GET
    @Path("/programs")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "List the programs of a period", description = "Every program of the period with its seats, priority "
            + "order, set-asides and eligible zones, in creation order (not paged)")
    @APIResponse(responseCode = "200", description = "The programs, in creation order")
    public List<ProgramResponse> list(@PathParam("periodId") UUID periodId) {
        return programs.list(periodId).stream().map(ProgramResponse::of).toList();
    }

    @GET
    @Path("/programs/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "Get a program", description = "Its seats, priority order, set-asides (with the seats each reserves) and "
            + "eligible zones; the ETag is its version, for If-Match on an update")
    @APIResponse(responseCode = "200", description = "The program; ETag is its version", content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    public Response get(@PathParam("periodId") UUID periodId, @PathParam("id") UUID id) {
        Program p = programs.get(periodId, id);
        return Response.ok(ProgramResponse.of(p)).tag(EntityTags.of(p.version)).build();
    }

    @PUT
    @Path("/programs/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "Update a program", description = "While the period is DRAFT or OPEN; send If-Match with the ETag you read")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "a section added", value = EnrollmentExamples.PROGRAM_SECTION_ADDED)))
    @APIResponse(responseCode = "200", description = "Updated", content = @Content(schema = @Schema(implementation = ProgramResponse.class)))
    @APIResponse(responseCode = "409", description = "The period is no longer DRAFT or OPEN (programs-locked), another program of the "
            + "school has this grade and name (duplicate-program), or the new grade or zones would make children who chose the "
            + "program ineligible (program-excludes-applicants), or children chose it and it would move to another school "
            + "(program-has-applications), or it continues a program of the previous round (sourceProgramId) and would move to "
            + "another school or grade (program-continues-earlier-round: create a new program there)")
    @APIResponse(responseCode = "422", description = "The school is unknown to enrollment, does not take part (not OPEN, or "
            + "under revocation) or does not serve the grade, a priority group is listed twice or GENERAL is not "
            + "last, or the set-asides repeat a group or add up to more than 100%")
    public Response update(@PathParam("periodId") UUID periodId, @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull ProgramRequest r) {
        Program p = programs.update(periodId, id, ifMatch, r.data());
        return Response.ok(ProgramResponse.of(p)).tag(EntityTags.of(p.version)).build();
    }

    @GET
    @Path("/statistics")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "Program statistics", description = "Seats, applicants, first choices, offers, cutoff per program; a school "
            + "leader sees its own schools' programs only")
    @APIResponse(responseCode = "200", description = "One entry per program")
    public List<StatisticsResponse> statistics(@PathParam("periodId") UUID periodId, @QueryParam("schoolId") UUID schoolId) {
        if (schoolId != null) {
            caller.requireSchool(schoolId);
        }
        return results.statistics(periodId, s -> (schoolId == null || schoolId.equals(s)) && caller.canAccessSchool(s)).stream()
                .map(StatisticsResponse::of).toList();
    }

    @GET
    @Path("/programs/{id}/waitlist")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.ENROLLMENT_OFFICER})
    @Operation(summary = "A program's waitlist", description = "Applicants waiting, by priority group then lottery (personal data: applicant ids only)")
    @APIResponse(responseCode = "200", description = "One page of the waitlist")
    @APIResponse(responseCode = "409", description = "The period has no match results yet: it is not MATCHED or PUBLISHED (results-not-published)")
    public Page<WaitlistResponse> waitlist(@PathParam("periodId") UUID periodId, @PathParam("id") UUID id,
                                           @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                           @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        List<WaitlistEntry> entries = results.waitlist(periodId, id, page, size);
        List<WaitlistResponse> items = new java.util.ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            items.add(WaitlistResponse.of(entries.get(i), (long) page * size + i + 1));
        }
        return new Page<>(items, page, size, results.waitlistSize(id));
    }

    @Schema(description = "An applicant on a waitlist", requiredProperties = {"position", "applicantId", "choiceRank", "priorityGroup",
            "lottery"})
    public record WaitlistResponse(@Schema(description = "From 1") long position, UUID applicantId,
                                   @Schema(description = "Where the applicant ranked the program (1 = first choice)") int choiceRank,
                                   PriorityGroup priorityGroup,
                                   @Schema(description = "The applicant's lottery number (lower is better)") double lottery) {
        static WaitlistResponse of(WaitlistEntry e, long position) {
            return new WaitlistResponse(position, e.applicantId, e.choiceRank, PriorityGroup.valueOf(e.priorityGroup), e.lottery);
        }
    }
}
