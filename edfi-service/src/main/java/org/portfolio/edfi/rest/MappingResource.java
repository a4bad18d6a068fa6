package org.portfolio.edfi.rest;

import org.portfolio.edfi.domain.SchoolMapping;
import org.portfolio.edfi.domain.CategoryMapping;
import org.portfolio.edfi.domain.DescriptorKind;
import org.portfolio.edfi.domain.DescriptorMapping;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
 * records it affects and queues them for performance-service (docs/edfi.md). Errors of
 * these suite endpoints are the suite's problem+json.
 */
@Path("/edfi/mappings")
@Tag(name = "Ed-Fi mappings", description = "How Ed-Fi schools and descriptors map to the suite (DISTRICT_ADMIN edits them)")
public class MappingResource {

    /** Without leading or trailing spaces, as {@code MappingService} checks (ASCII spaces: see {@link EdFiSchemas#TEXT}). */
    static final String CODE_VALUE = EdFiSchemas.TEXT;
    /** A descriptor namespace: no #, no leading or trailing spaces. */
    static final String NAMESPACE = "^[^ \\t\\n\\r\\f\\x0B#]([^#]*[^ \\t\\n\\r\\f\\x0B#])?$";


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
    public record CategoryRequest(@NotNull @Size(min = 1, max = 50) @Schema(required = true, pattern = CODE_VALUE, examples = "Excused Absence") String codeValue,
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
                    + "derived again and queued for performance-service (sent within seconds: GET /edfi/derivations/status).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Grand Bend categories", value = EdFiExamples.ATTENDANCE_CATEGORIES)))
    public List<CategoryResponse> mapCategories(
            @Parameter(description = "The descriptor namespace", required = true, example = "uri://ed-fi.org/AttendanceEventCategoryDescriptor",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255, pattern = NAMESPACE))
            @QueryParam("namespace") String namespace,
            @NotNull @Size(max = 200) List<@NotNull @Valid CategoryRequest> categories, @Context HttpHeaders headers) {
        if (namespace == null) {
            throw ProblemException.invalid("namespace", "is required");
        }
        MappingService.Replaced replaced = mappings.replaceCategories(namespace, categories.stream()
                .map(c -> new MappingService.Category(c.codeValue(), c.absence(), c.weight())).toList());
        derivations.wake();
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
                    + "and queued for performance-service (performance-service must know the school).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "Grand Bend Lakeside Middle School", value = EdFiExamples.SCHOOL_MAPPING)))
    public SchoolMappingResponse mapSchool(@NotNull @Valid SchoolMappingRequest request, @Context HttpHeaders headers) {
        long edfiSchoolId = request.edfiSchoolId();
        var affected = mappings.mapSchool(edfiSchoolId, request.schoolId());
        derivations.wake();
        return mappings.schools().stream().filter(r -> r.edfiSchoolId() == edfiSchoolId).findFirst()
                .map(r -> new SchoolMappingResponse(r.edfiSchoolId(), r.schoolId(), r.changedBy(), r.changedAt())).orElseThrow();
    }

    // --- assessment descriptors (issue 17 phase 2) -----------------------------------------------

    @Schema(name = "EdFiDescriptorMapping", description = "What an assessment descriptor means to the suite")
    public record DescriptorResponse(@Schema(required = true, enumeration = {"PERFORMANCE_LEVEL", "ACADEMIC_SUBJECT", "REPORTING_METHOD"}) String kind,
                                     @Schema(required = true) String namespace, @Schema(required = true) String codeValue,
                                     @Schema(required = true, description = "namespace#codeValue, as Ed-Fi documents carry it") String descriptor,
                                     @Schema(description = "PERFORMANCE_LEVEL: the suite's performance level (1–5)") Integer performanceLevel,
                                     @Schema(description = "ACADEMIC_SUBJECT: the suite's subject code") String subject,
                                     @Schema(description = "REPORTING_METHOD: whether its result is the scale score") Boolean scaleScore,
                                     @Schema(required = true) String changedBy, @Schema(required = true) Instant changedAt) {
        static DescriptorResponse of(DescriptorMapping m) {
            return new DescriptorResponse(m.kind().name(), m.namespace(), m.codeValue(), m.descriptor().uri(),
                    m.kind() == DescriptorKind.PERFORMANCE_LEVEL ? Integer.valueOf(m.value()) : null,
                    m.kind() == DescriptorKind.ACADEMIC_SUBJECT ? m.value() : null,
                    m.kind() == DescriptorKind.REPORTING_METHOD ? "SCALE_SCORE".equals(m.value()) : null, m.changedBy(), m.changedAt());
        }
    }

    @Schema(name = "EdFiPerformanceLevelRequest")
    public record PerformanceLevelRequest(@NotNull @Size(min = 1, max = 50) @Schema(required = true, pattern = CODE_VALUE, examples = "Met Standard") String codeValue,
                                          @NotNull @Min(1) @Max(5) @Schema(required = true, minimum = "1", maximum = "5", examples = "3",
                                                  description = "The suite's performance level: the framework counts levels at or above its "
                                                          + "proficient level (3 by default) as proficient") Integer performanceLevel) {
    }

    @Schema(name = "EdFiAcademicSubjectRequest")
    public record AcademicSubjectRequest(@NotNull @Size(min = 1, max = 50) @Schema(required = true, pattern = CODE_VALUE, examples = "Mathematics") String codeValue,
                                         @NotNull @Pattern(regexp = "^[A-Z][A-Z0-9_]{0,19}$")
                                         @Schema(required = true, pattern = "^[A-Z][A-Z0-9_]{0,19}$", examples = "MATH",
                                                 description = "The suite's subject code (ELA, MATH, …)") String subject) {
    }

    @Schema(name = "EdFiReportingMethodRequest")
    public record ReportingMethodRequest(@NotNull @Size(min = 1, max = 50) @Schema(required = true, pattern = CODE_VALUE, examples = "Scale score") String codeValue,
                                         @NotNull @Schema(required = true, description = "true: a score result of this method is the record's scaleScore")
                                         Boolean scaleScore) {
    }

    @Schema(name = "EdFiUnmappedDescriptor", description = "A descriptor stored resources use that no mapping names")
    public record UnmappedResponse(@Schema(required = true, enumeration = {"PERFORMANCE_LEVEL", "ACADEMIC_SUBJECT", "REPORTING_METHOD"}) String kind,
                                   @Schema(required = true) String descriptor,
                                   @Schema(required = true, description = "The resource that uses it", examples = "assessments") String usedBy,
                                   @Schema(required = true, description = "How many stored resources use it") long resources,
                                   @Schema(required = true, description = "Where a district administrator maps it") String mapAt) {
    }

    @GET
    @Path("/performance-levels")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiPerformanceLevels", summary = "Performance level descriptors and the suite's levels",
            description = "Every mapped PerformanceLevelDescriptor code value of every namespace. A student assessment with an unmapped performance level is refused.")
    public List<DescriptorResponse> performanceLevels() {
        return descriptors(DescriptorKind.PERFORMANCE_LEVEL);
    }

    @PUT
    @Path("/performance-levels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "edfiMapPerformanceLevels", summary = "Map a namespace's performance levels to the suite's levels",
            description = "Replaces the performance levels of one descriptor namespace: each code value gets a level 1–5; the "
                    + "framework's proficient level says which count as proficient. A code value stored student assessments use "
                    + "must stay listed (409). Their records are derived again and queued for performance-service (sent within seconds: GET /edfi/derivations/status).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "state assessment levels", value = EdFiExamples.PERFORMANCE_LEVELS)))
    public List<DescriptorResponse> mapPerformanceLevels(
            @Parameter(description = "The descriptor namespace", required = true, example = "uri://ed-fi.org/PerformanceLevelDescriptor",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255, pattern = NAMESPACE))
            @QueryParam("namespace") String namespace,
            @NotNull @Size(max = 200) List<@NotNull @Valid PerformanceLevelRequest> levels, @Context HttpHeaders headers) {
        return replace(DescriptorKind.PERFORMANCE_LEVEL, namespace, levels.stream()
                .map(l -> new MappingService.DescriptorValue(l.codeValue(), Integer.toString(l.performanceLevel()))).toList(), headers);
    }

    @GET
    @Path("/academic-subjects")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiAcademicSubjects", summary = "Academic subject descriptors and the suite's subjects",
            description = "Every mapped AcademicSubjectDescriptor code value of every namespace. The subject of a result is its assessment's.")
    public List<DescriptorResponse> academicSubjects() {
        return descriptors(DescriptorKind.ACADEMIC_SUBJECT);
    }

    @PUT
    @Path("/academic-subjects")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "edfiMapAcademicSubjects", summary = "Map a namespace's academic subjects to the suite's subjects",
            description = "Replaces the academic subjects of one descriptor namespace (e.g. Mathematics → MATH, English Language Arts "
                    + "→ ELA). A code value stored assessments use must stay listed (409). The records of their results are derived "
                    + "again (a result whose subject changes is retracted under the old one) and queued for performance-service.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "mathematics and reading", value = EdFiExamples.ACADEMIC_SUBJECTS)))
    public List<DescriptorResponse> mapAcademicSubjects(
            @Parameter(description = "The descriptor namespace", required = true, example = "uri://ed-fi.org/AcademicSubjectDescriptor",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255, pattern = NAMESPACE))
            @QueryParam("namespace") String namespace,
            @NotNull @Size(max = 200) List<@NotNull @Valid AcademicSubjectRequest> subjects, @Context HttpHeaders headers) {
        return replace(DescriptorKind.ACADEMIC_SUBJECT, namespace, subjects.stream()
                .map(l -> new MappingService.DescriptorValue(l.codeValue(), l.subject())).toList(), headers);
    }

    @GET
    @Path("/reporting-methods")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiReportingMethods", summary = "Assessment reporting methods and which is the scale score",
            description = "Every mapped AssessmentReportingMethodDescriptor code value of every namespace.")
    public List<DescriptorResponse> reportingMethods() {
        return descriptors(DescriptorKind.REPORTING_METHOD);
    }

    @PUT
    @Path("/reporting-methods")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Operation(operationId = "edfiMapReportingMethods", summary = "Say which of a namespace's reporting methods is the scale score",
            description = "Replaces the reporting methods of one descriptor namespace. A score result whose method is mapped with "
                    + "scaleScore true (a whole number 0–100,000) is the record's scaleScore; a method not listed is not read "
                    + "(GET /edfi/mappings/unmapped lists it). The records of the results using the namespace are derived again and queued for performance-service.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "vertical score is the scale score", value = EdFiExamples.REPORTING_METHODS)))
    public List<DescriptorResponse> mapReportingMethods(
            @Parameter(description = "The descriptor namespace", required = true, example = "uri://ed-fi.org/AssessmentReportingMethodDescriptor",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 255, pattern = NAMESPACE))
            @QueryParam("namespace") String namespace,
            @NotNull @Size(max = 200) List<@NotNull @Valid ReportingMethodRequest> methods, @Context HttpHeaders headers) {
        return replace(DescriptorKind.REPORTING_METHOD, namespace, methods.stream()
                .map(l -> new MappingService.DescriptorValue(l.codeValue(), l.scaleScore() ? "SCALE_SCORE" : "NONE")).toList(), headers);
    }

    @GET
    @Path("/unmapped")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(operationId = "edfiUnmappedDescriptors", summary = "Descriptors in use that no mapping names",
            description = "The performance levels, academic subjects and reporting methods that stored assessments and student "
                    + "assessments use and the district has not mapped, with how many resources use each: reported, never guessed. "
                    + "A result is not derived until its performance level and its assessment's subject are mapped.")
    public List<UnmappedResponse> unmapped() {
        return mappings.unmapped().stream().map(u -> new UnmappedResponse(u.kind().name(), u.descriptor(), u.usedBy(), u.resources(),
                "PUT /edfi/mappings/" + u.kind().path() + "?namespace=" + u.descriptor().substring(0, u.descriptor().lastIndexOf('#')))).toList();
    }

    private List<DescriptorResponse> descriptors(DescriptorKind kind) {
        return mappings.descriptors(kind).stream().map(DescriptorResponse::of).toList();
    }

    private List<DescriptorResponse> replace(DescriptorKind kind, String namespace, List<MappingService.DescriptorValue> values, HttpHeaders headers) {
        if (namespace == null) {
            throw ProblemException.invalid("namespace", "is required");
        }
        MappingService.ReplacedDescriptors replaced = mappings.replaceDescriptors(kind, namespace, values);
        derivations.wake();
        return replaced.mappings().stream().map(DescriptorResponse::of).toList();
    }
}
