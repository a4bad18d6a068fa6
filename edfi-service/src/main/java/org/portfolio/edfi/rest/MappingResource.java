package org.portfolio.edfi.rest;

import org.portfolio.edfi.domain.SchoolMapping;
import org.portfolio.edfi.domain.CategoryMapping;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.POST;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.edfi.service.Derivations;
import org.portfolio.edfi.service.MappingService;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Roles;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The district's mappings of Ed-Fi values (docs/edfi.md): which Ed-Fi school is which of the suite's schools, and per
 * descriptor namespace which attendance event categories are absences, with their weight. A change re-derives the
 * records it affects and sends them to performance-service with the administrator's token before it answers. Errors of
 * these suite endpoints are the suite's problem+json.
 */
@Path("/edfi/mappings")
@Tag(name = "Ed-Fi mappings", description = "How Ed-Fi schools and descriptors map to the suite (DISTRICT_ADMIN edits them)")
public class MappingResource {

    @Schema(name = "EdFiAttendanceCategory", description = "How an attendance event category counts")
    public record CategoryResponse(@Schema(required = true) String namespace, @Schema(required = true) String codeValue,
                                   @Schema(required = true, description = "namespace#codeValue, as Ed-Fi documents carry it") String descriptor,
                                   @Schema(required = true) boolean absence,
                                   @Schema(required = true, description = "Days absent per day of eventDuration (0 when not an absence)") BigDecimal weight,
                                   @Schema(required = true) String changedBy, @Schema(required = true) Instant changedAt) {
        static CategoryResponse of(CategoryMapping r) {
            return new CategoryResponse(r.namespace(), r.codeValue(), r.namespace() + "#" + r.codeValue(), r.absence(), r.weight(),
                    r.changedBy(), r.changedAt());
        }
    }

    @Schema(name = "EdFiAttendanceCategoryRequest")
    public record CategoryRequest(@NotNull @Size(min = 1, max = 50) @Schema(required = true, examples = "Excused Absence") String codeValue,
                                  @NotNull @Schema(required = true) Boolean absence,
                                  @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 3)
                                  @Schema(description = "Required for an absence: days absent per day of eventDuration (1 = whole days)",
                                          minimum = "0", maximum = "1", examples = "1") BigDecimal weight) {
    }

    @Schema(name = "EdFiSchoolMapping", description = "Which school of the suite an Ed-Fi school is")
    public record SchoolMappingResponse(@Schema(required = true) long edfiSchoolId, @Schema(required = true) UUID schoolId,
                                        @Schema(required = true) String changedBy, @Schema(required = true) Instant changedAt) {
    }

    @Schema(name = "EdFiSchoolMappingRequest")
    public record SchoolMappingRequest(@NotNull @Min(1) @Max(999_999_999_999L)
                                       @Schema(required = true, description = "The Ed-Fi schoolId", examples = "255901001",
                                               minimum = "1", maximum = "999999999999") Long edfiSchoolId,
                                       @NotNull @Schema(required = true, description = "The school's id in the suite's registry "
            + "(contracts-service; find it by its NCES id or district code: GET /api/schools)") UUID schoolId) {
    }

    @Inject
    MappingService mappings;

    @Inject
    Derivations derivations;

    @GET
    @Path("/attendance-categories")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiAttendanceCategories", summary = "Attendance event categories and how they count",
            description = "Every mapped category of every namespace. An attendance event whose category is not listed is refused.")
    public List<CategoryResponse> categories() {
        return mappings.categories().stream().map(CategoryResponse::of).toList();
    }

    @PUT
    @Path("/attendance-categories")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "edfiMapAttendanceCategories", summary = "Map a namespace's attendance event categories",
            description = "Replaces the categories of one descriptor namespace. Every category stored events use must stay "
                    + "listed (409 otherwise). The attendance records of the students with events of the namespace are "
                    + "derived again and sent to performance-service before the answer.")
    public List<CategoryResponse> mapCategories(
            @Parameter(description = "The descriptor namespace", required = true, example = "uri://ed-fi.org/AttendanceEventCategoryDescriptor")
            @QueryParam("namespace") String namespace,
            @NotNull @Size(max = 200) List<@NotNull @Valid CategoryRequest> categories, @Context HttpHeaders headers) {
        if (namespace == null) {
            throw ProblemException.invalid("namespace", "is required");
        }
        MappingService.Replaced replaced = mappings.replaceCategories(namespace, categories.stream()
                .map(c -> new MappingService.Category(c.codeValue(), c.absence(), c.weight())).toList());
        derivations.send(headers.getHeaderString(HttpHeaders.AUTHORIZATION), replaced.derive());
        return replaced.categories().stream().map(CategoryResponse::of).toList();
    }

    @GET
    @Path("/schools")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiSchoolMappings", summary = "Which Ed-Fi school is which school of the suite",
            description = "Every mapped Ed-Fi school id. An SIS client writes only Ed-Fi schools mapped to its own schools.")
    public List<SchoolMappingResponse> schools() {
        return mappings.schools().stream().map(r -> new SchoolMappingResponse(r.edfiSchoolId(), r.schoolId(), r.changedBy(), r.changedAt())).toList();
    }

    @POST
    @Path("/schools")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "edfiMapSchool", summary = "Map an Ed-Fi school to a school of the suite",
            description = "Creates or changes the mapping of the Ed-Fi school (upsert on edfiSchoolId). The attendance records of the school's enrolled students are derived "
                    + "and sent to performance-service before the answer (performance-service must know the school).")
    public SchoolMappingResponse mapSchool(@NotNull @Valid SchoolMappingRequest request, @Context HttpHeaders headers) {
        long edfiSchoolId = request.edfiSchoolId();
        var affected = mappings.mapSchool(edfiSchoolId, request.schoolId());
        derivations.send(headers.getHeaderString(HttpHeaders.AUTHORIZATION), affected);
        return mappings.schools().stream().filter(r -> r.edfiSchoolId() == edfiSchoolId).findFirst()
                .map(r -> new SchoolMappingResponse(r.edfiSchoolId(), r.schoolId(), r.changedBy(), r.changedAt())).orElseThrow();
    }
}
