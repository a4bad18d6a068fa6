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

/** Ed-Fi Sessions: {@code /edfi/data/v3/ed-fi/sessions}. */
@Path(EdFiEndpoints.BASE + "/sessions")
@Tag(name = "Ed-Fi Sessions", description = "Ed-Fi Data Standard 5.x sessions (docs/edfi.md)")
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
public class SessionsResource {

    private static final ResourceType TYPE = ResourceType.SESSIONS;

    @Inject
    EdFiEndpoints endpoints;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiUpsertSession", summary = "Create or update a Session (upsert on its natural key)",
            description = "201 with Location when the natural key is new, 200 when it replaces the stored document. The attendance records of the school's enrolled students for the session's year are derived again and queued for performance-service (sent within seconds: GET /edfi/derivations/status). "
                    + "An SIS client writes only Ed-Fi schools mapped to its schools. A school has at most 40 sessions per "
                    + "school year (portfolio.edfi.max-sessions-per-school-year): a new one past it is a 400 naming $.sessionName.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EdFiSchemas.Session.class),
            examples = @ExampleObject(name = "fall semester", value = EdFiExamples.SESSION)))
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
    @Operation(operationId = "edfiListSession", summary = "List sessions",
            description = "Filtered by the natural-key parameters, paged by offset and limit (default 25, at most 500); "
                    + "totalCount=true adds the Total-Count header. An SIS client sees only its schools' resources.")
    @Parameter(name = "schoolId", in = ParameterIn.QUERY, description = "The school's Ed-Fi id (natural-key filter)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "999999999999"))
    @Parameter(name = "schoolYear", in = ParameterIn.QUERY, description = "The year in which the school year ends (natural-key filter)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1991", maximum = "2100"))
    @Parameter(name = "sessionName", in = ParameterIn.QUERY, description = "The session's name (natural-key filter)", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 60))
    @Parameter(name = "offset", in = ParameterIn.QUERY, description = "Resources to skip", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "100000000"))
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size (25 by default, at most 500)", schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", maximum = "500"))
    @Parameter(name = "totalCount", in = ParameterIn.QUERY, description = "true: the Total-Count header counts every match", schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "The page", headers = @Header(name = "Total-Count",
            description = "All matches (with totalCount=true)", schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0", maximum = "9223372036854775807")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = EdFiSchemas.Session.class)))
    public Response list(@Context UriInfo uri) {
        return endpoints.list(TYPE, uri);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiGetSession", summary = "One Session by id", description = "The document as stored, with id, _etag and _lastModifiedDate.")
    @APIResponse(responseCode = "200", description = "The resource", headers = @Header(name = "ETag", description = "Its version",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EdFiSchemas.Session.class)))
    public Response get(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id) {
        return endpoints.get(TYPE, id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "edfiReplaceSession", summary = "Replace a Session",
            description = "The natural key cannot change (400 key-change-not-supported). The attendance records of the school's enrolled students for the session's year are derived again and queued for performance-service (sent within seconds: GET /edfi/derivations/status).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EdFiSchemas.Session.class),
            examples = @ExampleObject(name = "one instructional day fewer", value = EdFiExamples.SESSION_REPLACED)))
    @APIResponse(responseCode = "204", description = "Replaced", headers = @Header(name = "ETag", description = "Its version",
            schema = @Schema(type = SchemaType.STRING)))
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "Only if the stored version is this ETag (or *): else 412 optimistic-lock-failed", schema = @Schema(type = SchemaType.STRING))
    public Response put(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id, String body,
                        @Context HttpHeaders headers) {
        return endpoints.put(TYPE, id, body, headers.getHeaderString(HttpHeaders.IF_MATCH));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "edfiDeleteSession", summary = "Delete a Session",
            description = "A retraction: The attendance records of the school's enrolled students for the session's year are derived again and queued for performance-service (sent within seconds: GET /edfi/derivations/status).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "Only if the stored version is this ETag (or *): else 412 optimistic-lock-failed", schema = @Schema(type = SchemaType.STRING))
    public Response delete(@Parameter(description = "The resource id (32 hex digits)", schema = @Schema(type = SchemaType.STRING, pattern = Ids.PATTERN)) @PathParam("id") String id,
                           @Context HttpHeaders headers) {
        return endpoints.delete(TYPE, id, headers.getHeaderString(HttpHeaders.IF_MATCH));
    }
}
