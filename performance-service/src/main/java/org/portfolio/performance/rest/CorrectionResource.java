package org.portfolio.performance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.StudentRecordKey;
import org.portfolio.performance.service.CorrectionService;
import org.portfolio.platform.web.http.Page;
import org.portfolio.platform.web.problem.ProblemException;
import org.portfolio.platform.web.security.Caller;
import org.portfolio.platform.web.security.Roles;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Corrections and retractions of student records by natural key, with a reason code and an optional
 * note (the note never published), and their audit. The district admin
 * corrects any school's records; an SIS only its schools' (the whole request is refused with 403 if one item names
 * another school), and reads the audit of its schools' items only.
 */
@Path("/api/performance/corrections")
@Tag(name = "Corrections", description = "Corrections and retractions of student records by natural key, with a reason code; audited; the consequences recomputed")
@Produces(MediaType.APPLICATION_JSON)
public class CorrectionResource {

    /** When the free-text reason was deprecated (1.0.0, 2026-12-07), as RFC 9745's Deprecation header writes a date. */
    static final String DEPRECATION = "@1796601600";
    static final String DEPRECATION_LINK = "<https://github.com/portfolio-suite/portfolio/blob/main/docs/api-changes.md>; "
            + "rel=\"deprecation\"; type=\"text/markdown\"";
    static final String DEPRECATION_DESCRIPTION = "Only when the request sent the deprecated free-text reason: when it was "
            + "deprecated (RFC 9745; 2026-12-07). It keeps working until a major version takes it away; send reasonCode and note";

    private static final String CHAIN = " In one transaction: the records are changed or removed, the school metrics of "
            + "the school-years touched are recomputed and every changed value is published as MetricResultRecorded naming "
            + "this correction (its id and reason code; never its note), so contracts-service re-evaluates the benchmarks on them and "
            + "autonomy-service revokes or reinstates what they guard, each history naming the correction. A computed value "
            + "whose last records are retracted is withdrawn (MetricResultRecorded with withdrawn: true and no value). "
            + "All or nothing: an item that names no stored record (422 record-not-found), a broken rule (422 "
            + "invalid-correction: the same record twice, values missing for CORRECT, values on a RETRACT) or a school outside an SIS client's scope (403) keeps nothing. "
            + "1 to 500 items; a single correction is a request of one item. Why: reasonCode (closed list, published) and an "
            + "optional note (free text, never published: kept in the audit, shown only to a reader of every school of "
            + "the correction, erased with the records of a student who has an item in it). The deprecated reason is "
            + "accepted as the note with reasonCode OTHER (400 when given with note; 400 without reasonCode or reason). "
            + "An ingest-only client (edfi-service's svc_edfi, every school) may only RETRACT (a CORRECT item: 403); its answer "
            + "carries no values (no before, no after), no metric or rating counts, and every item as RETRACTED: an item "
            + "naming no stored record is answered as retracted (audited as UNCHANGED), so the answer tells it neither a "
            + "value nor whether a record existed. "
            + "Audited: who, when, why, each record's values before and after (GET /corrections/{id}).";

    /** The vendor re-scored two grade 7 ELA results: both corrected by their natural key. */
    private static final String ASSESSMENTS_EXAMPLE = """
            {"reasonCode": "SCORING_ERROR",
             "note": "The vendor re-scored the spring grade 7 ELA batch on this year's scale; levels and scores re-sent",
             "items": [
               {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
                "subject": "ELA", "testCode": "RSA-ELA", "action": "CORRECT", "gradeLevel": "7", "performanceLevel": 4,
                "scaleScore": 2780, "growthPercentile": 66},
               {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-021",
                "subject": "ELA", "testCode": "RSA-ELA", "action": "CORRECT", "gradeLevel": "7", "performanceLevel": 3,
                "scaleScore": 2660, "growthPercentile": 52}]}""";

    /** A student's absences re-entered, and the record of a duplicate enrollment of the same student removed. */
    private static final String ATTENDANCE_EXAMPLE = """
            {"reasonCode": "DATA_ENTRY_ERROR",
             "note": "First-week absences were entered twice; the duplicate enrollment created for the same student is removed",
             "items": [
               {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-014",
                "action": "CORRECT", "gradeLevel": "7", "daysEnrolled": 172, "daysAbsent": 4.5},
               {"schoolId": "3f1c8a52-7c1e-4e0b-9a57-0c6f3f1f2b11", "schoolYear": "2026-27", "studentId": "RV301-C2031-099",
                "action": "RETRACT"}]}""";

    @Inject
    CorrectionService corrections;

    @Inject
    Caller caller;

    private boolean mayCorrect(UUID schoolId) {
        return caller.hasRole(Roles.DISTRICT_ADMIN) || caller.schoolScope().covers(schoolId);
    }

    /** null when the caller reads every school's audit, else the schools of its scope. */
    private Set<UUID> auditScope() {
        return caller.hasRole(Roles.DISTRICT_ADMIN) ? null : caller.schoolScope().filter();
    }

    @POST
    @Path("/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Correct or retract assessment results",
            description = "Corrects (replaces the values of) or retracts (removes) stored assessment results named by their "
                    + "natural key: school, school year, student, subject, test code." + CHAIN)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "re-scored results", value = ASSESSMENTS_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The correction as audited; Location names it; Deprecation and "
            + "Link when the deprecated reason was sent", content = @Content(schema = @Schema(implementation = CorrectionResponse.class)),
            headers = {@Header(name = "Deprecation", description = DEPRECATION_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = DEPRECATION)),
                    @Header(name = "Link", description = "With Deprecation: where the deprecation is described (rel=\"deprecation\", RFC 9745)",
                            schema = @Schema(type = SchemaType.STRING, enumeration = DEPRECATION_LINK))})
    @APIResponse(responseCode = "422", description = "record-not-found (an item names no stored record) or "
            + "invalid-correction (a correction rule is broken; errors[] names each item); nothing was kept")
    public Response assessments(@Valid @NotNull CorrectionRequests.AssessmentCorrections r) throws SQLException {
        CorrectionRequests.requireSchoolYears(r.items().stream().map(CorrectionRequests.AssessmentItem::schoolYear).toList());
        List<CorrectionService.Item> items = r.items().stream().map(i -> new CorrectionService.Item(
                new StudentRecordKey(i.schoolId(), i.schoolYear(), i.studentId(), i.subject(), i.testCode()), i.action(),
                CorrectionService.values("gradeLevel", i.gradeLevel(), "performanceLevel",
                        i.performanceLevel(), "scaleScore", i.scaleScore(), "growthPercentile", i.growthPercentile())))
                .toList();
        return created(corrections.apply(CorrectionKind.ASSESSMENT,
                CorrectionService.Why.of(r.reasonCode(), r.note(), r.reason()), items, caller.id(), this::mayCorrect,
                caller.isIngestOnly()), r.reason() != null);
    }

    @POST
    @Path("/attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "Correct or retract attendance records",
            description = "Corrects (replaces the values of) or retracts (removes) stored attendance records named by their "
                    + "natural key: school, school year, student." + CHAIN)
    @RequestBody(content = @Content(examples = @ExampleObject(name = "absences re-entered", value = ATTENDANCE_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "The correction as audited; Location names it; Deprecation and "
            + "Link when the deprecated reason was sent", content = @Content(schema = @Schema(implementation = CorrectionResponse.class)),
            headers = {@Header(name = "Deprecation", description = DEPRECATION_DESCRIPTION,
                    schema = @Schema(type = SchemaType.STRING, enumeration = DEPRECATION)),
                    @Header(name = "Link", description = "With Deprecation: where the deprecation is described (rel=\"deprecation\", RFC 9745)",
                            schema = @Schema(type = SchemaType.STRING, enumeration = DEPRECATION_LINK))})
    @APIResponse(responseCode = "422", description = "record-not-found (an item names no stored record) or "
            + "invalid-correction (a correction rule is broken; errors[] names each item); nothing was kept")
    public Response attendance(@Valid @NotNull CorrectionRequests.AttendanceCorrections r) throws SQLException {
        CorrectionRequests.requireSchoolYears(r.items().stream().map(CorrectionRequests.AttendanceItem::schoolYear).toList());
        List<CorrectionService.Item> items = r.items().stream().map(i -> new CorrectionService.Item(
                new StudentRecordKey(i.schoolId(), i.schoolYear(), i.studentId(), null, null), i.action(),
                CorrectionService.values("gradeLevel", i.gradeLevel(), "daysEnrolled",
                        i.daysEnrolled(), "daysAbsent", i.daysAbsent())))
                .toList();
        return created(corrections.apply(CorrectionKind.ATTENDANCE,
                CorrectionService.Why.of(r.reasonCode(), r.note(), r.reason()), items, caller.id(), this::mayCorrect,
                caller.isIngestOnly()), r.reason() != null);
    }

    private Response created(CorrectionService.Applied a, boolean deprecatedReason) {
        Response.ResponseBuilder created = Response.created(URI.create("/api/performance/corrections/" + a.correction().id()));
        if (deprecatedReason) {
            // RFC 9745: a client's logs show it still sends what a later major version takes away (docs/api-changes.md)
            created.header("Deprecation", DEPRECATION).header("Link", DEPRECATION_LINK);
        }
        if (caller.isIngestOnly()) {
            // svc_edfi (every school) learns no stored value and not whether a record existed (review of edfi5, H1)
            return created.entity(CorrectionResponse.retractedBlind(a.correction(), a.items())).build();
        }
        return created.entity(response(a)).build();
    }

    /** The items of the caller's schools; the note only for a caller who may read every school's items. */
    private CorrectionResponse response(CorrectionService.Applied a) {
        Set<UUID> scope = auditScope();
        return CorrectionResponse.of(a.correction(), CorrectionService.visible(a.items(), scope),
                CorrectionService.mayReadNote(a.items(), scope));
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "The correction audit",
            description = "Corrections newest first, with who made them, when, why (the reason code; the note: GET /corrections/{id}) and what they changed; filter by school. "
                    + "The district admin sees every correction; an SIS client those with items of its schools.")
    @APIResponse(responseCode = "200", description = "One page of corrections")
    public Page<CorrectionSummaryResponse> list(@Parameter(description = "Only corrections with an item of this school") @QueryParam("schoolId") UUID schoolId,
                                                @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100000) int page,
                                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size)
            throws SQLException {
        Set<UUID> scope = auditScope();
        if (schoolId != null && scope != null && !scope.contains(schoolId)) {
            throw ProblemException.forbidden("Your client is not scoped to school " + schoolId);
        }
        return corrections.list(schoolId, scope, page, size).map(CorrectionSummaryResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SIS})
    @Operation(summary = "One correction with its audited items",
            description = "Who, when, why, and each item's natural key with the record's values before and after (personal "
                    + "data). An SIS client sees the items of its schools only, and a correction without any as not found; "
                    + "the note only when every item is of its schools (the district admin: always). "
                    + "Once a student's records are erased, their items keep only the school, year, action and outcome.")
    @APIResponse(responseCode = "200", description = "The correction and its items",
            content = @Content(schema = @Schema(implementation = CorrectionResponse.class)))
    public CorrectionResponse get(@PathParam("id") UUID id) throws SQLException {
        return response(corrections.get(id, auditScope()));
    }
}
