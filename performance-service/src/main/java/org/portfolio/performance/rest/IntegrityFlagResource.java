package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.IntegrityFlag;
import org.portfolio.performance.domain.IntegrityResolutionCode;
import org.portfolio.performance.service.IntegrityService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/performance/integrity-flags")
@Tag(name = "Integrity flags", description = "Integrity signals raised when data arrives (low participation, high "
        + "exclusion, unusual year-over-year change, enrollment drop among low performers); resolved by oversight")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrityFlagResource {

    /** Oversight accepts the school's explanation of a low participation. */
    private static final String RESOLVE_EXAMPLE = """
            {"resolutionCode": "EXPLAINED",
             "note": "Spring make-up sessions documented; participation reached 96% after the window"}""";

    @Inject
    IntegrityService integrity;

    @Inject
    Caller caller;

    @GET
    @Path("/{flagId}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT, Roles.SCHOOL_LEADER})
    @Operation(summary = "One integrity flag",
            description = "The flag with its evidence (counts, never a student id), status and resolution. Oversight "
                    + "sees the flags of the schools it oversees, a school leader those of its own schools; the "
                    + "school's profile lists them all.")
    @APIResponse(responseCode = "200", description = "The flag",
            content = @Content(schema = @Schema(implementation = IntegrityFlagResponse.class)))
    @APIResponse(responseCode = "404", description = "No integrity flag with this id")
    public Response get(@PathParam("flagId") UUID flagId) throws SQLException {
        IntegrityFlag f = integrity.get(flagId);
        caller.requireSchool(f.schoolId());
        // the ETag is what resolve's If-Match takes (eighth pass: declared by the document, it was only in the body)
        return Response.ok(IntegrityFlagResponse.of(f, caller.hasRole(Roles.DISTRICT_ADMIN) || caller.hasRole(Roles.OVERSIGHT)))
                .tag(EntityTags.of(f.rowVersion())).build();
    }

    @POST
    @Path("/{flagId}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OVERSIGHT})
    @Operation(summary = "Resolve an integrity flag with a resolution code",
            description = "Oversight (for the schools its bodies oversee) or the district resolves an OPEN flag with a "
                    + "resolution code and an optional note, kept with who resolved it and when. Published as "
                    + "IntegrityFlagResolved with the code only: the note stays in this service (read with the flag). "
                    + "A request with a note and no code (the shape before issue 15) is accepted with the code OTHER; "
                    + "neither: 400. Resolving changes nothing else: no rating, benchmark or grant depends on a flag.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "explained", value = RESOLVE_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The resolved flag",
            content = @Content(schema = @Schema(implementation = IntegrityFlagResponse.class)))
    @APIResponse(responseCode = "404", description = "No integrity flag with this id")
    @APIResponse(responseCode = "409", description = "The flag is already resolved (integrity-flag-resolved)")
    public IntegrityFlagResponse resolve(@PathParam("flagId") UUID flagId,
                                         @Parameter(description = "The flag's rowVersion as read (\"3\" or 3): 412 when its "
                                                 + "evidence changed since; without it the flag is resolved whatever it holds now")
                                         @HeaderParam("If-Match") String ifMatch,
                                         @Valid @NotNull ResolveIntegrityFlagRequest request) throws SQLException {
        IntegrityFlag f = integrity.get(flagId);
        caller.requireSchool(f.schoolId());
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (request.resolutionCode() == null && note == null) {
            throw ProblemException.invalid("resolutionCode", "is required");
        }
        // only DISTRICT_ADMIN and OVERSIGHT resolve: every figure
        return IntegrityFlagResponse.of(integrity.resolve(flagId, request.resolutionCode() == null
                ? IntegrityResolutionCode.OTHER : request.resolutionCode(), note, caller.id(), ifMatch), true);
    }
}
