package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.portfolio.performance.domain.SchoolYear;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.Framework;
import org.portfolio.performance.domain.FrameworkStatus;
import org.portfolio.performance.service.FrameworkService;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.sql.SQLException;
import java.util.UUID;

@Path("/api/performance/frameworks")
@Tag(name = "Frameworks", description = "The one performance framework, versioned per school year: weights, cut points, tiers, minimum n")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FrameworkResource {

    @Inject
    FrameworkService service;

    @Inject
    Caller caller;

    @GET
    @PermitAll
    @Operation(summary = "List framework versions",
            description = "Public: no token needed. Every version of the framework, newest school year and version first, "
                    + "filtered by school year and status. The PUBLISHED version of a year is the one that rates it; "
                    + "DRAFTs are being prepared, SUPERSEDED ones rated the year before a newer version was published.")
    @APIResponse(responseCode = "200", description = "One page of framework versions")
    public Page<FrameworkResponse> list(@Parameter(description = "School year, e.g. 2026-27", schema = @Schema(type = SchemaType.STRING, pattern = SchoolYear.PATTERN)) @QueryParam("schoolYear") String schoolYear,
                                        @Parameter(description = "Only versions in this status") @QueryParam("status") FrameworkStatus status,
                                        @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                        @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (schoolYear != null && !SchoolYear.isValid(schoolYear)) {
            // the document declares the pattern: a value outside it is refused, not answered with an empty list
            throw ProblemException.invalid("schoolYear", SchoolYear.problem(schoolYear));
        }
        return service.list(schoolYear, status, page, size).map(FrameworkResponse::of);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Get a framework version",
            description = "Public: no token needed. The version's categories, metrics with weights and cut points, tiers, "
                    + "minimum n and coverage, and who created and published it. The ETag header is its row version, "
                    + "which each change of the draft moves on (not the body's version, the framework's number in its school "
                    + "year): send it as If-Match to replace or publish a draft.")
    @APIResponse(responseCode = "200", description = "The framework version; ETag names its row version",
            content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    public Response get(@PathParam("id") UUID id) {
        Framework f = service.get(id);
        return Response.ok(FrameworkResponse.of(f)).tag(EntityTags.of(f.rowVersion)).build();
    }

    @POST
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Create a draft framework",
            description = "A new DRAFT for a school year, numbered after the year's existing versions. The whole framework "
                    + "is validated and every broken rule is reported at once: category weights add up to 100 and each "
                    + "category's metrics to its weight, every metric is defined and listed once, cut points are "
                    + "monotonic in the metric's direction and the best earns the full weight, the four tiers come best "
                    + "first and the last needs 0%. Publish the draft to make it rate its year.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "2027-28 framework",
            value = FrameworkExamples.FRAMEWORK)))
    @APIResponse(responseCode = "201", description = "The draft; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "422", description = "A framework rule is broken (weights, cut points, tiers, unknown metric): "
            + "invalid-framework, errors[] names each broken rule by field")
    public Response create(@Valid @NotNull FrameworkRequest r, @Context UriInfo uri) {
        Framework f = service.create(r.toContent(), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(f.id.toString()).build())
                .tag(EntityTags.of(f.rowVersion)).entity(FrameworkResponse.of(f)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Replace a draft framework",
            description = "Replaces the whole content of a DRAFT, validated as on create; the school year stays. Send "
                    + "If-Match with the ETag you read so that a concurrent edit is not lost. A published or superseded "
                    + "version never changes: start a new version instead.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "2027-28 framework",
            value = FrameworkExamples.FRAMEWORK)))
    @APIResponse(responseCode = "200", description = "The replaced draft; ETag names its new version",
            content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    @APIResponse(responseCode = "409", description = "The framework is not a DRAFT (framework-not-draft): published and superseded versions never change")
    @APIResponse(responseCode = "422", description = "A framework rule is broken, or the school year differs from the draft's: "
            + "invalid-framework, errors[] names each broken rule by field")
    public Response update(@PathParam("id") UUID id,
                           @Parameter(description = "The ETag of the version you read (optional; without it the last write wins)")
                           @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull FrameworkRequest r) {
        Framework f = service.update(id, ifMatch, r.toContent());
        return Response.ok(FrameworkResponse.of(f)).tag(EntityTags.of(f.rowVersion)).build();
    }

    @POST
    @Path("/{id}/new-version")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Start a new version",
            description = "Change = new version: a DRAFT copy of this version's content, for the same school year (the "
                    + "next version number) or for the school year the optional body names. Edit and publish the draft; "
                    + "the version it copies is left as it is.")
    @RequestBody(required = false, description = "Optional: the school year of the new draft (the same year when absent)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewVersionRequest.class),
                    examples = @ExampleObject(name = "next school year", value = FrameworkExamples.NEW_VERSION)))
    @APIResponse(responseCode = "201", description = "The new draft; Location and ETag name it",
            content = @Content(schema = @Schema(implementation = FrameworkResponse.class)))
    public Response newVersion(@PathParam("id") UUID id, NewVersionRequest r, @Context UriInfo uri) {
        Framework f = service.newVersion(id, r == null ? null : r.schoolYear(), caller.id());
        return Response.created(uri.getBaseUriBuilder().path("/api/performance/frameworks").path(f.id.toString()).build())
                .tag(EntityTags.of(f.rowVersion)).entity(FrameworkResponse.of(f)).build();
    }

    @POST
    @Path("/{id}/publish")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Publish a draft",
            description = "The draft rates its school year from now on (the year's previously published version becomes "
                    + "SUPERSEDED) and can no longer change. The year's suppression, aggregates and ratings are "
                    + "recomputed in the same transaction and every real change is published as an event; the answer "
                    + "counts what changed. Then each later year without a framework of its own, which follows this one, is "
                    + "recomputed, each in a transaction of its own. Takes no body.")
    @APIResponse(responseCode = "200", description = "Published, with what the recomputation changed; ETag names its version",
            content = @Content(schema = @Schema(implementation = PublishResponse.class)))
    @APIResponse(responseCode = "409", description = "The framework is not a DRAFT (framework-not-draft): it is already published or superseded")
    @APIResponse(responseCode = "422", description = "The draft breaks a framework rule (checked again on publish): invalid-framework, errors[] names each")
    public Response publish(@PathParam("id") UUID id,
                            @Parameter(description = "The ETag of the version you read (optional; without it the last write wins)")
                            @HeaderParam("If-Match") String ifMatch) throws SQLException {
        FrameworkService.Published p = service.publish(id, ifMatch, caller.id());
        service.recomputeFollowingYears(p.framework().schoolYear);
        return Response.ok(PublishResponse.of(p)).tag(EntityTags.of(p.framework().rowVersion)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Delete a draft",
            description = "Deletes a DRAFT that was never published. Published and superseded versions are kept for the "
                    + "ratings they made.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The framework is not a DRAFT (framework-not-draft): published and superseded versions are kept")
    public Response delete(@PathParam("id") UUID id) {
        service.delete(id);
        return Response.noContent().build();
    }
}
