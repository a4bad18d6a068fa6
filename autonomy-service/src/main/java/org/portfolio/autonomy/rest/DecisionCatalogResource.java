package org.portfolio.autonomy.rest;

import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.autonomy.domain.Decision;
import org.portfolio.autonomy.service.DecisionCatalogService;
import org.portfolio.platform.web.http.EntityTags;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.util.List;

@Path("/api/autonomy/decision-catalog")
@Tag(name = "Decision catalog", description = "Which decisions each autonomy domain covers; versioned, public")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionCatalogResource {

    /** A decision code, as the catalog takes it ({@code DecisionRequest}). */
    static final String CODE = "^[A-Z][A-Z0-9_]{1,59}$";


    @Inject
    DecisionCatalogService catalog;

    @Inject
    Caller caller;

    @GET
    @Path("/decisions")
    @PermitAll
    @Operation(summary = "List the decision catalog",
            description = "Public (anonymous and every role): who decides what is part of the deal. The decisions of "
                    + "the current catalog by domain, by default; `version` reads an older one; `includeRetired` also "
                    + "lists retired decisions. The Catalog-Version header names the version listed.")
    @APIResponse(responseCode = "200", description = "The decisions, by domain",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "404", description = "No catalog version with this number")
    public Response list(@Parameter(description = "Catalog version (default: current)") @QueryParam("version") @Min(1) @Max(Integer.MAX_VALUE) Integer version,
                         @Parameter(description = "Also list retired decisions (current catalog only)")
                         @QueryParam("includeRetired") @DefaultValue("false") boolean includeRetired) {
        if (version != null) {
            var v = catalog.version(version);
            return Response.ok(v.decisions().stream().map(DecisionResponse::of).toList())
                    .header("Catalog-Version", v.version().version).build();
        }
        int current = catalog.currentVersion();
        List<DecisionResponse> list = catalog.current(includeRetired).stream().map(DecisionResponse::of).toList();
        return Response.ok(list).header("Catalog-Version", current).build();
    }

    @GET
    @Path("/decisions/{code}")
    @PermitAll
    @Operation(summary = "Get one decision", description = "One decision of the catalog with its domain, name and "
            + "description and the catalog version that added it; also a retired one (with the version that retired "
            + "it). The ETag is its version: send it as If-Match with an edit or a retirement.")
    @APIResponse(responseCode = "200", description = "The decision; ETag is its version", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    public Response get(@Parameter(description = "Decision code", schema = @Schema(type = SchemaType.STRING, pattern = CODE)) @PathParam("code") String code) {
        Decision d = catalog.get(code);
        return Response.ok(DecisionResponse.of(d)).tag(EntityTags.of(d.version)).build();
    }

    @POST
    @Path("/decisions")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Add a decision to the catalog", description = "Adds a decision under a domain and makes "
            + "a new catalog version. Grants on the whole domain cover it at once (decision-rights answers follow). "
            + "Returns the decision; Location names it.")
    @APIResponse(responseCode = "201", description = "Added; Location names it", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "409", description = "The code is taken, also by a retired decision: codes are never reused (duplicate-decision)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "grading policy", value = DecisionCatalogExamples.DEFINE)))
    public Response define(@Valid @NotNull DecisionRequest r, @Context UriInfo uri) {
        Decision d = catalog.define(r.code(), r.domain(), r.name(), r.description(), caller.id());
        return Response.created(uri.getAbsolutePathBuilder().path(d.code).build()).tag(EntityTags.of(d.version))
                .entity(DecisionResponse.of(d)).build();
    }

    @PUT
    @Path("/decisions/{code}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Edit a decision's name and description", description = "Changes the name and description "
            + "and makes a new catalog version; the domain cannot change (retire the decision and add a new one). "
            + "Returns the decision.")
    @APIResponse(responseCode = "200", description = "Edited", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "409", description = "The decision is retired (decision-retired), or it changed concurrently (concurrent-modification)")
    @APIResponse(responseCode = "422", description = "The body names another domain than the decision's")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "renamed", value = DecisionCatalogExamples.EDIT)))
    public Response edit(@Parameter(description = "Decision code", schema = @Schema(type = SchemaType.STRING, pattern = CODE)) @PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                         @Valid @NotNull DecisionEdit e) {
        Decision d = catalog.edit(code, ifMatch, e.domain(), e.name(), e.description(), caller.id());
        return Response.ok(DecisionResponse.of(d)).tag(EntityTags.of(d.version)).build();
    }

    @POST
    @Path("/decisions/{code}/retire")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(summary = "Retire a decision", description = "Makes a new catalog version without it, with the "
            + "reason; no grant covers it any more (the decision-rights check answers DECISION_RETIRED). Its code is "
            + "never reused. Returns the retired decision.")
    @APIResponse(responseCode = "200", description = "Retired", content = @Content(schema = @Schema(implementation = DecisionResponse.class)))
    @APIResponse(responseCode = "409", description = "The decision is already retired (decision-retired)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "district standard again", value = DecisionCatalogExamples.RETIRE)))
    public Response retire(@Parameter(description = "Decision code", schema = @Schema(type = SchemaType.STRING, pattern = CODE)) @PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull ReasonRequest r) {
        Decision d = catalog.retire(code, ifMatch, r.reason(), caller.id());
        return Response.ok(DecisionResponse.of(d)).tag(EntityTags.of(d.version)).build();
    }

    @GET
    @Path("/versions")
    @PermitAll
    @Operation(summary = "List the catalog versions", description = "Public. Every version of the catalog, newest "
            + "first: what changed (SEEDED, ADDED, EDITED, RETIRED), which decision, who made it, when, and how many "
            + "decisions the version has.")
    @APIResponse(responseCode = "200", description = "The versions")
    public List<CatalogVersionResponse> versions() {
        return catalog.versions().stream().map(v -> CatalogVersionResponse.of(v, catalog.size(v.version), null)).toList();
    }

    @GET
    @Path("/versions/{version}")
    @PermitAll
    @Operation(summary = "Read one catalog version with its decisions", description = "Public. One version of the "
            + "catalog: what changed, who and when, and the decisions it had (as they were then).")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(schema = @Schema(implementation = CatalogVersionResponse.class)))
    public CatalogVersionResponse version(@PathParam("version") @Min(1) @Max(Integer.MAX_VALUE) int version) {
        var v = catalog.version(version);
        List<DecisionResponse> decisions = v.decisions().stream().map(DecisionResponse::of).toList();
        return CatalogVersionResponse.of(v.version(), decisions.size(), decisions);
    }
}
