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
import static org.portfolio.system.compat.ApiChange.Severity.ADDITION;
import static org.portfolio.system.compat.ApiChange.Severity.BREAKING;
import static org.portfolio.system.compat.ApiChange.Severity.ENUM_GROWN;

/** The comparison's rules, each shown on the real documents changed the way a careless change would. */
class ApiDiffTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROGRAM = "/api/enrollment/periods/{periodId}/programs/{id}";

    private static ObjectNode api() throws IOException {
        return (ObjectNode) OpenApiSnapshot.read();
    }

    private static ObjectNode schema(ObjectNode doc, String name) {
        return (ObjectNode) doc.path("components").path("schemas").path(name);
    }

    @Test
    void theDocumentsAgainstThemselvesChangeNothing() throws IOException {
        assertThat(OpenApiDiff.between(api(), api())).isEmpty();
        JsonNode events = YAML.readTree(ApiCompatibilityTest.EVENTS.toFile());
        assertThat(AsyncApiDiff.between(events, events.deepCopy())).isEmpty();
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
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "response-property-removed SchoolResponse.districtCode"),
                change(BREAKING, "response-property-optional SchoolResponse.name"),
                change(ADDITION, "response-property-added SchoolResponse.motto"));
    }

    @Test
    void aRequestMayAcceptMoreButNotLess() throws IOException {
        ObjectNode now = api();
        ObjectNode period = schema(now, "PeriodRequest");
        ((ArrayNode) period.get("required")).add("waitlistResponseHours");
        ObjectNode hours = (ObjectNode) period.get("properties").get("waitlistResponseHours");
        hours.put("maximum", 240);
        ObjectNode program = schema(now, "ProgramRequest");
        ((ObjectNode) program.get("properties").get("seats")).put("maximum", 1_000_000).put("minimum", 0);
        ((ObjectNode) program.get("properties")).putObject("nickname").put("type", "string");
        Map<String, ApiChange> changes = OpenApiDiff.between(api(), now);
        assertThat(changes).contains(
                change(BREAKING, "request-property-required PeriodRequest.waitlistResponseHours"),
                change(BREAKING, "request-maximum-narrowed PeriodRequest.waitlistResponseHours 720→240"),
                change(ADDITION, "request-property-added ProgramRequest.nickname"));
        assertThat(changes.keySet()).noneMatch(id -> id.contains("ProgramRequest.seats"));
    }

    @Test
    void anOperationRemovedOrARoleTakenAwayBreaksAndARenamedPathParameterOrSchemeDoesNot() throws IOException {
        ObjectNode now = api();
        ObjectNode paths = (ObjectNode) now.get("paths");
        ObjectNode program = (ObjectNode) paths.remove(PROGRAM);
        program.remove("put");
        ArrayNode security = (ArrayNode) program.get("get").get("security");
        security.remove(1);
        paths.set(PROGRAM.replace("{id}", "{programId}"), program);
        renameParameter(program.get("get"), "id", "programId");
        ObjectNode schemes = (ObjectNode) now.get("components").get("securitySchemes");
        schemes.set("bearer", schemes.remove("token"));
        now.get("paths").forEach(item -> item.forEach(op -> op.path("security").forEach(requirement -> {
            if (requirement.has("token")) {
                ((ObjectNode) requirement).set("bearer", ((ObjectNode) requirement).remove("token"));
            }
        })));
        assertThat(OpenApiDiff.between(api(), now)).containsOnly(
                change(BREAKING, "operation-removed PUT " + PROGRAM),
                change(BREAKING, "operation-role-removed GET " + PROGRAM.replace("{id}", "{programId}") + " ENROLLMENT_OFFICER"));
    }

    @Test
    void aResponseEnumThatGrowsIsNamedAndARequestEnumThatShrinksBreaks() throws IOException {
        ObjectNode now = api();
        ((ArrayNode) schema(now, "SchoolStatus").get("enum")).add("MERGED");
        ArrayNode roles = (ArrayNode) schema(now, "Role").get("enum");
        roles.remove(roles.size() - 1);
        Map<String, ApiChange> changes = OpenApiDiff.between(api(), now);
        assertThat(changes).containsEntry("response-enum-value-added SchoolStatus MERGED",
                new ApiChange("response-enum-value-added SchoolStatus MERGED", ENUM_GROWN));
        assertThat(changes).containsEntry("request-enum-value-removed Role ENROLLMENT_OFFICER",
                new ApiChange("request-enum-value-removed Role ENROLLMENT_OFFICER", BREAKING));
    }

    @Test
    void anEventFieldRemovedOrAMessageDroppedBreaksAConsumer() throws IOException {
        JsonNode released = YAML.readTree(ApiCompatibilityTest.EVENTS.toFile());
        ObjectNode now = (ObjectNode) released.deepCopy();
        ObjectNode components = (ObjectNode) now.get("components");
        ((ObjectNode) components.get("schemas").get("SchoolRegisteredData").get("properties")).remove("name");
        ((ObjectNode) components.get("messages")).remove("InterventionStepOverdue");
        Map<String, ApiChange> changes = AsyncApiDiff.between(released, now);
        assertThat(changes.keySet()).contains(
                "response-property-removed events: SchoolRegisteredData.name",
                "message-removed events: InterventionStepOverdue");
        assertThat(changes.values()).allMatch(c -> c.severity() == BREAKING);
    }

    @Test
    void theChangelogMustNameEveryBreakingChangeAndNothingElse() {
        Map<String, ApiChange> changes = Map.of(
                "operation-removed GET /api/x", change(BREAKING, "operation-removed GET /api/x").getValue(),
                "response-property-added X.y", change(ADDITION, "response-property-added X.y").getValue());
        String changelog = """
                # API changes
                ## Unreleased
                - `response-property-removed X.z`: gone, read `X.w`.
                ## 1.0.0
                - `operation-removed GET /api/x`: named under the release, not under Unreleased.
                """;
        Set<String> named = ApiCompatibilityTest.namedInUnreleased(changelog);
        assertThat(ApiCompatibilityTest.unnamed(changes, named)).containsExactly("operation-removed GET /api/x");
        assertThat(ApiCompatibilityTest.stale(changes, named)).containsExactly("response-property-removed X.z");
    }

    private static void renameParameter(JsonNode op, String from, String to) {
        op.path("parameters").forEach(p -> {
            if (p.path("name").asText().equals(from)) {
                ((ObjectNode) p).put("name", to);
            }
        });
    }

    private static Map.Entry<String, ApiChange> change(ApiChange.Severity severity, String id) {
        return Map.entry(id, new ApiChange(id, severity));
    }
}
