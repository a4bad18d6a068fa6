package org.portfolio.enrollment.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.enrollment.service.SchoolDirectoryService;

import java.util.List;

@Path("/api/enrollment/schools")
@Tag(name = "Schools", description = "The schools of the unified enrollment system")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    SchoolDirectoryService directory;

    @GET
    @PermitAll
    @Operation(summary = "List schools", description = "Public: every school of every type, and whether it takes part in enrollment")
    @APIResponse(responseCode = "200", description = "The schools, by name")
    public List<SchoolResponse> list() {
        return directory.list().stream().map(SchoolResponse::of).toList();
    }
}
