package org.portfolio.edfi.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.edfi.domain.ResourceType;
import org.portfolio.edfi.service.Ids;
import org.portfolio.platform.web.security.Roles;

/** Ed-Fi Schools: {@code /edfi/data/v3/ed-fi/schools}. */
@Path(EdFiEndpoints.BASE + "/schools")
@Tag(name = "Ed-Fi Schools", description = "Ed-Fi Data Standard 5.x schools (docs/edfi.md)")
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
public class SchoolsResource {

    private static final ResourceType TYPE = ResourceType.SCHOOLS;

    @Inject
    EdFiEndpoints endpoints;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiUpsertSchool", summary = "Create or update a School (upsert on its natural key)",
            description = "201 with Location when the natural key is new, 200 when it replaces the stored document. Nothing is derived from a school. "
                    + "An SIS client writes only Ed-Fi schools mapped to its schools.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EdFiSchemas.School.class),
            examples = @ExampleObject(name = "Grand Bend Lakeside Middle School", value = EdFiExamples.SCHOOL)))
    @APIResponse(responseCode = "201", description = "Created", headers = {
            @Header(name = "Location", description = "The new resource", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "ETag", description = "Its version", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "200", description = "Updated (the natural key existed)",
            headers = @Header(name = "ETag", description = "Its version", schema = @Schema(type = SchemaType.STRING)))
    public Response post(String body, @Context HttpHeaders headers, @Context UriInfo uri) {
        return endpoints.post(TYPE, body, headers.getHeaderString(HttpHeaders.AUTHORIZATION), uri);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiListSchool", summary = "List schools",
            description = "Filtered by the natural-key parameters, paged by offset and limit (default 25, at most 500); "
                    + "totalCount=true adds the Total-Count header. An SIS client sees only its schools' resources.")
    @Parameter(name = "schoolId", in = ParameterIn.QUERY, description = "The school's Ed-Fi id (natural-key filter)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "999999999999"))
    @Parameter(name = "offset", in = ParameterIn.QUERY, description = "Resources to skip", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "100000000"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size (25 by default, at most 500)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "500"))
    @Parameter(name = "totalCount", in = ParameterIn.QUERY, description = "true: the Total-Count header counts every match", schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "The page", headers = @Header(name = "Total-Count",
            description = "All matches (with totalCount=true)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "9223372036854775807")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EdFiSchemas.School.class)))
    public Response list(@Context UriInfo uri) {
        return endpoints.list(TYPE, uri);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiGetSchool", summary = "One School by id", description = "The document as stored, with id, _etag and _lastModifiedDate.")
    @APIResponse(responseCode = "200", description = "The resource", headers = @Header(name = "ETag", description = "Its version",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EdFiSchemas.School.class)))
    public Response get(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id) {
        return endpoints.get(TYPE, id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiReplaceSchool", summary = "Replace a School",
            description = "The natural key cannot change (400 key-change-not-supported). Nothing is derived from a school.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EdFiSchemas.School.class),
            examples = @ExampleObject(name = "renamed", value = EdFiExamples.SCHOOL_REPLACED)))
    @APIResponse(responseCode = "204", description = "Replaced", headers = @Header(name = "ETag", description = "Its version",
            schema = @Schema(type = SchemaType.STRING)))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "Only if the stored version is this ETag (or *): else 412 optimistic-lock-failed", schema = @Schema(type = SchemaType.STRING))
    public Response put(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id, String body,
                        @Context HttpHeaders headers) {
        return endpoints.put(TYPE, id, body, headers.getHeaderString(HttpHeaders.IF_MATCH));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "edfiDeleteSchool", summary = "Delete a School",
            description = "A retraction: Nothing is derived from a school.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "Only if the stored version is this ETag (or *): else 412 optimistic-lock-failed", schema = @Schema(type = SchemaType.STRING))
    public Response delete(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id,
                           @Context HttpHeaders headers) {
        return endpoints.delete(TYPE, id, headers.getHeaderString(HttpHeaders.IF_MATCH));
    }
}
