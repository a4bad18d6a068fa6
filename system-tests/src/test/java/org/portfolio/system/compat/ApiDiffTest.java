package org.portfolio.system.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.portfolio.system.gateway.OpenApiSnapshot;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.ApiChange.Severity.ENUM_GROWN;
import static org.portfolio.system.compat.ApiChange.Severity.STRICT_CLIENTS;
import static org.portfolio.system.compat.ApiChange.Severity.UNJUDGED;

/** The comparison's rules, each shown on the real documents changed the way a careless change would. */
class ApiDiffTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROGRAM = "/api/enrollment/periods/{periodId}/programs/{id}";

    private static ObjectNode api() throws IOException {
        return (ObjectNode) OpenApiSnapshot.read();
    }

    private static ObjectNode events() throws IOException {
        return (ObjectNode) YAML.readTree(ApiCompatibilityTest.EVENTS.toFile());
    }

    private static ObjectNode schema(ObjectNode doc, String name) {
        return (ObjectNode) doc.path("components").path("schemas").path(name);
    }

    private static ObjectNode property(ObjectNode doc, String schema, String name) {
        return (ObjectNode) schema(doc, schema).path("properties").path(name);
    }

    private static ObjectNode operation(ObjectNode doc, String path, String method) {
        return (ObjectNode) doc.path("paths").path(path).path(method);
    }

    /** "Not blank" written anchored is the same pattern; any other change of a pattern is still named (nineteenth pass). */
    @Test
    void theAnchoredNotBlankIsTheSamePatternAndOtherChangesAreNot() {
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        assertThat(SchemaDiff.samePattern(f.textNode("\\S"), f.textNode("^\\s*\\S[\\s\\S]*$"))).isTrue();
        assertThat(SchemaDiff.samePattern(f.textNode("^\\s*\\S[\\s\\S]*$"), f.textNode("\\S"))).isTrue();
        assertThat(SchemaDiff.samePattern(f.textNode("\\S"), f.textNode("^\\S+$"))).isFalse();
        assertThat(SchemaDiff.samePattern(f.textNode("^a$"), f.textNode("^b$"))).isFalse();
        assertThat(SchemaDiff.samePattern(null, f.textNode("^a$"))).isFalse();
    }

    @Test
    void theDocumentsAgainstThemselvesChangeNothing() throws IOException {
        assertThat(OpenApiDiff.between(api(), api())).isEmpty();
        assertThat(AsyncApiDiff.between(events(), events())).isEmpty();
    }

    @Test
    void aResponsePropertyRemovedOrMadeOptionalBreaksAndOneAddedDoesNot() throws IOException {
        ObjectNode now = api();
        ObjectNode school = schema(now, "SchoolResponse");
        ((ObjectNode) school.get("properties")).remove("districtCode");
        ArrayNode required = (ArrayNode) school.get("required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (Set.of("districtCode", "name").contains(required.get(i).asText())) {
                required.remove(i);
            }
        }
        ((ObjectNode) school.get("properties")).putObject("motto").put("type", "string");
        property(now, "SchoolResponse", "version").put("writeOnly", true);
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "response-property-removed SchoolResponse.districtCode"),
                change(BREAKING, "response-property-optional SchoolResponse.name"),
                change(BREAKING, "response-property-removed SchoolResponse.version"),
                change(ADDITION, "response-property-added SchoolResponse.motto"));
    }

    @Test
    void aRequestMayAcceptMoreButNotLess() throws IOException {
        ObjectNode now = api();
        ((ArrayNode) schema(now, "PeriodRequest").get("required")).add("waitlistResponseHours");
        property(now, "PeriodRequest", "waitlistResponseHours").put("maximum", 240);
        property(now, "PeriodRequest", "maxChoices").put("minimum", 2);
        property(now, "ProgramRequest", "seats").put("maximum", 1_000_000).put("minimum", 0);
        ((ObjectNode) schema(now, "ProgramRequest").get("properties")).putObject("nickname").put("type", "string");
        // an answer-only date required in the term's schema is not a field a request must send
        ((ArrayNode) schema(now, "TermDto").get("required")).add("startDate");
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "request-property-required PeriodRequest.waitlistResponseHours"),
                change(BREAKING, "request-maximum-narrowed PeriodRequest.waitlistResponseHours 720→240"),
                change(BREAKING, "request-minimum-narrowed PeriodRequest.maxChoices 1→2"),
                change(ADDITION, "request-property-added ProgramRequest.nickname"));
    }

    @Test
    void anAnswerThatMayNowCarryWhatTheReleaseRuledOutIsNamedForValidatingClients() throws IOException {
        ObjectNode now = api();
        property(now, "PeriodRequest", "maxChoices").put("maximum", 40);
        property(now, "TermDto", "endYear").put("maxLength", 9).remove("pattern");
        assertThat(OpenApiDiff.between(api(), now)).as("PeriodRequest is a request only; a request may take more").containsOnly(
                change(STRICT_CLIENTS, "response-pattern-changed TermDto.endYear"),
                change(STRICT_CLIENTS, "response-maxLength-widened TermDto.endYear 7→9"));
    }

    @Test
    void anOperationRemovedARoleTakenAwayOrACredentialAddedBreaksAndARenamedPathParameterOrSchemeDoesNot() throws IOException {
        ObjectNode now = api();
        ObjectNode paths = (ObjectNode) now.get("paths");
        ObjectNode program = (ObjectNode) paths.remove(PROGRAM);
        program.remove("put");
        ((ArrayNode) program.get("get").get("security")).remove(1);
        paths.set(PROGRAM.replace("{id}", "{programId}"), program);
        program.get("get").path("parameters").forEach(p -> {
            if (p.path("name").asText().equals("id")) {
                ((ObjectNode) p).put("name", "programId");
            }
        });
        ObjectNode schemes = (ObjectNode) now.get("components").get("securitySchemes");
        schemes.set("bearer", schemes.remove("token"));
        now.get("paths").forEach(item -> item.forEach(op -> op.path("security").forEach(requirement -> {
            if (requirement.has("token")) {
                ((ObjectNode) requirement).set("bearer", ((ObjectNode) requirement).remove("token"));
            }
        })));
        schemes.putObject("districtKey").put("type", "apiKey").put("in", "header").put("name", "X-District-Key");
        operation(now, "/api/enrollment/periods/{periodId}/programs", "get").path("security")
                .forEach(requirement -> ((ObjectNode) requirement).putArray("districtKey"));
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "operation-removed PUT " + PROGRAM),
                change(BREAKING, "operation-role-removed GET " + PROGRAM.replace("{id}", "{programId}") + " ENROLLMENT_OFFICER"),
                change(BREAKING, "operation-secured GET /api/enrollment/periods/{periodId}/programs [http bearer]"),
                change(BREAKING, "operation-secured GET /api/enrollment/periods/{periodId}/programs [oauth2:DISTRICT_ADMIN]"),
                change(BREAKING, "operation-secured GET /api/enrollment/periods/{periodId}/programs [oauth2:ENROLLMENT_OFFICER]"),
                change(ADDITION, "operation-role-added GET /api/enrollment/periods/{periodId}/programs (apiKey)"));
    }

    @Test
    void aCredentialMoreForOneRoleOrAnotherTokenUrlBreaksAndAnOperationMadePublicDoesNot() throws IOException {
        ObjectNode now = api();
        ObjectNode schemes = (ObjectNode) now.get("components").get("securitySchemes");
        schemes.putObject("districtKey").put("type", "apiKey").put("in", "header").put("name", "X-District-Key");
        ((ObjectNode) operation(now, PROGRAM, "get").get("security").get(1)).putArray("districtKey");
        operation(now, PROGRAM, "put").putArray("security");
        ((ObjectNode) schemes.get("oauth2").get("flows").get("clientCredentials")).put("tokenUrl", "http://localhost:8080/token");
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "operation-secured GET " + PROGRAM + " [oauth2:ENROLLMENT_OFFICER]"),
                change(ADDITION, "operation-role-added GET " + PROGRAM + " (apiKey)"),
                change(BREAKING, "security-scheme-changed oauth2"));
    }

    @Test
    void aSuccessStatusMediaTypeOrHeaderTakenAwayBreaks() throws IOException {
        ObjectNode now = api();
        ObjectNode get = operation(now, PROGRAM, "get");
        ObjectNode ok = (ObjectNode) get.get("responses").get("200");
        ((ObjectNode) ok.get("headers")).remove("ETag");
        ObjectNode put = operation(now, PROGRAM, "put");
        ObjectNode responses = (ObjectNode) put.get("responses");
        responses.set("201", responses.remove("200"));
        ObjectNode body = (ObjectNode) put.get("requestBody").get("content");
        body.set("application/json; charset=utf-8", body.remove("application/json"));
        ObjectNode create = operation(now, "/api/enrollment/periods/{periodId}/programs", "post");
        ((ObjectNode) create.get("requestBody").get("content")).remove("application/json");
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "response-header-removed GET " + PROGRAM + " 200 ETag"),
                change(BREAKING, "response-status-removed PUT " + PROGRAM + " 200"),
                change(BREAKING, "response-status-added PUT " + PROGRAM + " 201"),
                change(BREAKING, "request-media-type-removed POST /api/enrollment/periods/{periodId}/programs application/json"));
    }

    @Test
    void aTypeAFormatOrAClosedBodyBreaksAndAKeywordNotJudgedIsNamed() throws IOException {
        ObjectNode now = api();
        property(now, "SchoolResponse", "districtCode").put("type", "integer");
        property(now, "PeriodRequest", "name").put("format", "email");
        schema(now, "PeriodRequest").put("additionalProperties", false);
        ObjectNode seats = property(now, "ProgramRequest", "seats");
        ObjectNode wrapped = seats.deepCopy();
        seats.removeAll();
        seats.putArray("oneOf").add(wrapped);
        property(now, "PeriodRequest", "waitlistResponseHours").put("default", 24);
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "response-type-changed SchoolResponse.districtCode [string]→[integer]"),
                change(BREAKING, "request-format-changed PeriodRequest.name null→email"),
                change(BREAKING, "request-additional-properties-closed PeriodRequest"),
                change(UNJUDGED, "request-schema-keyword-changed ProgramRequest.seats oneOf"),
                change(UNJUDGED, "request-schema-keyword-changed PeriodRequest.waitlistResponseHours default"));
    }

    @Test
    void whatTheComparisonReadsBesideTheObviousIsComparedToo() throws IOException {
        ObjectNode now = api();
        // a required header made optional; a parameter written another way; an array's items going
        ((ObjectNode) operation(now, PROGRAM, "get").get("responses").get("200").get("headers").get("ETag")).put("required", false);
        operation(now, "/api/events", "get").path("parameters").forEach(p -> {
            if (p.path("name").asText().equals("type")) {
                ((ObjectNode) p).put("explode", false);
            }
        });
        property(now, "AccountabilityTerms", "interventionSteps").remove("items");
        // a keyword beside a reference in both documents, and the component under it changed: the component's change
        // is seen in both directions, however the reference is dressed
        ObjectNode wasDoc = api();
        property(wasDoc, "GrantResponse", "effectiveFrom").put("format", "date");
        property(now, "GrantResponse", "effectiveFrom").put("format", "date");
        schema(now, "LocalDate").put("format", "date-time");
        assertThat(OpenApiDiff.between(wasDoc, now)).containsOnly(
                change(BREAKING, "response-header-optional GET " + PROGRAM + " 200 ETag"),
                change(UNJUDGED, "parameter-serialization-changed GET /api/events query:type explode"),
                change(BREAKING, "response-type-changed AccountabilityTerms.interventionSteps[] [object]→[]"),
                change(BREAKING, "request-format-changed LocalDate date→date-time"),
                change(BREAKING, "response-format-changed LocalDate date→date-time"));
    }

    @Test
    void anAnswerOpenedOrAMultipleWidenedIsNamed() throws IOException {
        ObjectNode wasDoc = api();
        property(wasDoc, "SchoolResponse", "version").put("multipleOf", 2);
        schema(wasDoc, "SchoolResponse").put("additionalProperties", false);
        ObjectNode now = api();
        assertThat(OpenApiDiff.between(wasDoc, now)).containsOnly(
                change(STRICT_CLIENTS, "response-multipleOf-widened SchoolResponse.version 2→none"),
                change(STRICT_CLIENTS, "response-additional-properties-opened SchoolResponse"));
    }

    @Test
    void aResponseEnumThatGrowsIsNamedAndARequestEnumThatShrinksBreaks() throws IOException {
        ObjectNode now = api();
        ((ArrayNode) schema(now, "SchoolStatus").get("enum")).add("MERGED");
        ArrayNode roles = (ArrayNode) schema(now, "Role").get("enum");
        roles.remove(roles.size() - 1);
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(ENUM_GROWN, "response-enum-value-added SchoolStatus MERGED"),
                change(BREAKING, "request-enum-value-removed Role ENROLLMENT_OFFICER"));
    }

    @Test
    void anEventFieldRemovedATypeReplacedOrAMessageDroppedBreaksAConsumer() throws IOException {
        ObjectNode now = events();
        ObjectNode components = (ObjectNode) now.get("components");
        ((ObjectNode) components.get("schemas").get("SchoolRegisteredData").get("properties")).remove("name");
        ((ObjectNode) components.get("schemas").get("SchoolRegisteredData").get("properties")).putObject("motto").put("type", "string");
        ((ObjectNode) components.get("messages")).remove("InterventionStepOverdue");
        ((ObjectNode) now.get("channels").get("contractsEvents").get("messages")).remove("InterventionStepOverdue");
        ObjectNode registered = (ObjectNode) components.get("messages").get("SchoolRegistered");
        ((ObjectNode) registered.get("payload").get("allOf").get(1).get("properties").get("type"))
                .put("const", "portfolio.contracts.SchoolRegistered.v2");
        registered.put("contentType", "application/avro");
        ObjectNode channels = (ObjectNode) now.get("channels");
        channels.set("contractsTopic", channels.remove("contractsEvents"));
        assertThat(AsyncApiDiff.between(events(), now)).containsOnly(
                change(BREAKING, "response-property-removed events: SchoolRegisteredData.name"),
                change(STRICT_CLIENTS, "response-property-added events: SchoolRegisteredData.motto"),
                change(BREAKING, "response-property-removed events: SchoolUpdatedData.name"),
                change(STRICT_CLIENTS, "response-property-added events: SchoolUpdatedData.motto"),
                change(BREAKING, "message-removed events: InterventionStepOverdue"),
                change(BREAKING, "channel-message-removed events: contracts.events InterventionStepOverdue"),
                change(BREAKING, "response-const-changed events: SchoolRegistered.type portfolio.contracts.SchoolRegistered.v1→portfolio.contracts.SchoolRegistered.v2"),
                change(BREAKING, "message-content-type-changed events: SchoolRegistered application/cloudevents+json→application/avro"));
    }

    @Test
    void anEventsHeadersKeyConditionsAndConstantsAreComparedAsAnswers() throws IOException {
        ObjectNode now = events();
        ObjectNode schemas = (ObjectNode) now.get("components").get("schemas");
        ((ArrayNode) schemas.get("CloudEventHeaders").get("required")).removeAll();
        ((ObjectNode) now.get("components").get("messageBindings").get("KeyedBySchool").get("kafka").get("key")).put("type", "integer").remove("format");
        ObjectNode cause = (ObjectNode) schemas.get("AutonomyRevokedData").get("properties").get("cause");
        ((ObjectNode) cause.get("allOf").get(2)).remove("then");
        ObjectNode type = (ObjectNode) ((ObjectNode) now.get("components").get("messages").get("SchoolRegistered"))
                .get("payload").get("allOf").get(1).get("properties").get("type");
        type.remove("const");
        type.put("type", "string").putArray("enum").add("portfolio.contracts.SchoolRegistered.v1").add("portfolio.contracts.SchoolRegistered.v2");
        Map<String, ApiChange> changes = AsyncApiDiff.between(events(), now);
        assertThat(changes).contains(
                change(BREAKING, "response-property-optional events: CloudEventHeaders.content-type"),
                change(UNJUDGED, "response-schema-keyword-changed events: AutonomyRevokedData.cause " + SchemaDiff.ALL_OF_REST),
                change(ENUM_GROWN, "response-enum-value-added events: SchoolRegistered.type portfolio.contracts.SchoolRegistered.v2"));
        assertThat(changes.keySet()).filteredOn(id -> id.startsWith("response-type-changed events: ") && id.contains(" key "))
                .as("a school-keyed message's record key no longer a string").isNotEmpty();
        assertThat(changes.keySet()).noneMatch(id -> id.startsWith("response-const-changed"));
    }

    @Test
    void theChangelogMustNameEveryChangeThatNeedsANoteAndNothingElse() {
        Map<String, ApiChange> changes = Map.of(
                "operation-removed GET /api/x", new ApiChange("operation-removed GET /api/x", BREAKING),
                "response-property-added X.y", new ApiChange("response-property-added X.y", ADDITION),
                "response-enum-value-added X.s NEW", new ApiChange("response-enum-value-added X.s NEW", ENUM_GROWN));
        Changelog changelog = Changelog.parse("""
                # API changes
                ## Unreleased
                - `response-property-removed X.z`: gone, read `X.w`.
                <!-- `response-enum-value-added X.s NEW` -->
                ```text
                `response-property-added X.y` named in a code block does not count
                ```
                ## 1.0.0
                - `operation-removed GET /api/x`: named under the release, not under Unreleased.
                """);
        Map<String, ApiChange> strict = new java.util.HashMap<>(changes);
        strict.put("response-property-added X.y", new ApiChange("response-property-added X.y", STRICT_CLIENTS));
        assertThat(changelog.unnamed(strict)).containsExactly("operation-removed GET /api/x", "response-enum-value-added X.s NEW",
                "response-property-added X.y");
        assertThat(changelog.stale(changes)).containsExactly("response-property-removed X.z");
    }

    @Test
    void aReleaseThatBreaksIsANewMajorVersionAndRecordsItsBaseline() {
        String hash = "a".repeat(64);
        Changelog minor = Changelog.parse("## Unreleased\n\n## 1.1.0\n- `response-property-removed X.z`\n\n"
                + "`openapi.json` `" + hash + "`\n## 1.0.0\n");
        assertThat(minor.breakingWithoutNewMajor()).containsExactly("1.1.0");
        assertThat(minor.latest().hashes()).containsEntry("openapi.json", hash);
        Changelog major = Changelog.parse("## Unreleased\n## 2.0.0\n- `request-maxLength-narrowed X.z 10→5`\n## 1.1.0\n"
                + "- `response-enum-value-added X.s NEW`\n## 1.0.0\n");
        assertThat(major.breakingWithoutNewMajor()).isEmpty();
        assertThatThrownBy(() -> Changelog.parse("# no sections")).isInstanceOf(AssertionError.class);
    }

    private static Map.Entry<String, ApiChange> change(ApiChange.Severity severity, String id) {
        return Map.entry(id, new ApiChange(id, severity));
    }
}
