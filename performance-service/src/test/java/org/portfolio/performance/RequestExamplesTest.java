package org.portfolio.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.RequestExamples;
import org.portfolio.testing.TestTokens;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Fifteenth pass: every JSON request body of the document shows an example (ServiceBasicsContract checks that its
 * schema accepts it); here the service accepts it too. Each example is read from the served document (so this cannot
 * drift from it), its uuid fields are replaced by real ids by property name, the state it names is arranged (the
 * records a correction names, the flag a resolution resolves), and it is sent as it stands: 2xx.
 */
@QuarkusTest
class RequestExamplesTest {

    /** The shipped 2026-27 framework (migration V3). */
    private static final String DEFAULT_FRAMEWORK = "2026ca5e-0000-4000-8000-000000000001";

    private static JsonNode document;

    /** The examples (name → value) of the JSON body of one operation, as the served document shows them. */
    private static Map<String, JsonNode> examples(String path, String method) {
        if (document == null) {
            document = RequestExamples.document();
        }
        return RequestExamples.of(document, path, method);
    }

    /** A copy of the example with each uuid field named in {@code ids} set to its real id; no made-up id is left. */
    private static JsonNode withIds(JsonNode example, Map<String, String> ids) {
        JsonNode copy = RequestExamples.withProperties(example, ids);
        assertThat(RequestExamples.uuids(copy.toString()).stream().filter(id -> !ids.containsValue(id)))
                .as("made-up ids left in " + copy).isEmpty();
        return copy;
    }

    private static Response post(String token, String path, JsonNode body) {
        return given().auth().oauth2(token).contentType("application/json").body(body.toString()).post(path);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    @Test
    void theUploadExamplesAreKeptRowForRow() {
        for (String kind : List.of("school-metrics", "assessments", "attendance")) {
            String path = "/api/performance/ingest/" + kind;
            examples(path, "post").forEach((name, example) -> {
                UUID school = Fixtures.school("INNOVATION").id();
                JsonNode rows = withIds(example, Map.of("schoolId", school.toString()));
                post(TestTokens.districtAdmin(), path, rows).then().log().ifValidationFails().statusCode(201)
                        .body("status", equalTo("COMPLETED"))
                        .body("rowsRejected", equalTo(0)).body("rowsAccepted", equalTo(rows.size()));
            });
        }
    }

    @Test
    void theAssessmentCorrectionExampleCorrectsTheResultsItNames() {
        examples("/api/performance/corrections/assessments", "post").forEach((name, example) -> {
            UUID school = Fixtures.school("INNOVATION").id();
            JsonNode body = withIds(example, Map.of("schoolId", school.toString()));
            // the results the items name, as first uploaded (level 2, before the vendor re-scored them)
            List<Map<String, Object>> stored = new ArrayList<>();
            for (JsonNode item : list(body.path("items"))) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (String key : List.of("schoolId", "schoolYear", "studentId", "subject", "testCode", "gradeLevel")) {
                    if (item.has(key)) {
                        row.put(key, item.get(key).asText());
                    }
                }
                row.put("performanceLevel", 2);
                stored.add(row);
            }
            Fixtures.postJson("assessments", TestTokens.districtAdmin(), stored).statusCode(201)
                    .body("rowsAccepted", equalTo(stored.size()));
            post(TestTokens.sis(school), "/api/performance/corrections/assessments", body).then().log().ifValidationFails()
                    .statusCode(201).body("itemCount", equalTo(stored.size()))
                    .body("reasonCode", equalTo(body.path("reasonCode").asText()));
        });
    }

    @Test
    void theAttendanceCorrectionExampleCorrectsAndRetractsTheRecordsItNames() {
        examples("/api/performance/corrections/attendance", "post").forEach((name, example) -> {
            UUID school = Fixtures.school("INNOVATION").id();
            JsonNode body = withIds(example, Map.of("schoolId", school.toString()));
            List<Map<String, Object>> stored = new ArrayList<>();
            for (JsonNode item : list(body.path("items"))) {
                Map<String, Object> row = Fixtures.attendance(school, item.path("studentId").asText(), 172, 9);
                row.put("schoolYear", item.path("schoolYear").asText());
                stored.add(row);
            }
            Fixtures.postJson("attendance", TestTokens.districtAdmin(), stored).statusCode(201)
                    .body("rowsAccepted", equalTo(stored.size()));
            post(TestTokens.sis(school), "/api/performance/corrections/attendance", body).then().log().ifValidationFails()
                    .statusCode(201).body("itemCount", equalTo(stored.size()))
                    .body("itemsUnchanged", equalTo(0));
        });
    }

    /**
     * Fifteenth pass: a correction's days are whole or half days, and the document says so (multipleOf 0.5, as the
     * upload's rows already did): 180.3 passed the document and was a 422.
     */
    @Test
    void theDocumentRefusesACorrectionsDaysThatAreNotWholeOrHalfDays() {
        examples("/api/performance/corrections/attendance", "post");
        var contract = org.portfolio.testing.contract.OpenApiContract.parse(document.toString());
        JsonNode example = examples("/api/performance/corrections/attendance", "post").values().iterator().next();
        java.util.function.Function<JsonNode, List<String>> check = body -> contract.checkRequest(
                new org.portfolio.testing.contract.OpenApiContract.Exchange("POST", "/api/performance/corrections/attendance",
                        null, "application/json", body.toString(), 0, null, null));
        assertThat(check.apply(example)).isEmpty();
        for (String field : List.of("daysEnrolled", "daysAbsent")) {
            JsonNode changed = example.deepCopy();
            JsonNode item = null;
            for (JsonNode i : changed.path("items")) {
                item = i.has(field) ? i : item;
            }
            assertThat(item).as("the example corrects " + field).isNotNull();
            ((com.fasterxml.jackson.databind.node.ObjectNode) item).put(field, new java.math.BigDecimal("8.3"));
            assertThat(check.apply(changed)).as(field + " 8.3").singleElement().asString().contains(field);
            ((com.fasterxml.jackson.databind.node.ObjectNode) item).put(field, new java.math.BigDecimal("8.5"));
            assertThat(check.apply(changed)).as(field + " 8.5").isEmpty();
        }
    }

    @Test
    void theFrameworkExamplesDraftReplaceAndStartAVersion() {
        List<String> drafts = new ArrayList<>();
        Map<String, JsonNode> create = examples("/api/performance/frameworks", "post");
        for (JsonNode example : create.values()) {
            Response created = post(TestTokens.districtAdmin(), "/api/performance/frameworks", withIds(example, Map.of()));
            created.then().log().ifValidationFails().statusCode(201).body("status", equalTo("DRAFT"))
                    .body("schoolYear", equalTo(example.path("schoolYear").asText()));
            drafts.add(created.path("id"));
        }
        for (JsonNode example : examples("/api/performance/frameworks/{id}", "put").values()) {
            // a draft of the example's year to replace
            ObjectNode sameYear = create.values().iterator().next().deepCopy();
            sameYear.put("schoolYear", example.path("schoolYear").asText());
            Response draft = post(TestTokens.districtAdmin(), "/api/performance/frameworks", sameYear);
            draft.then().statusCode(201);
            String id = draft.path("id");
            drafts.add(id);
            given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").header("If-Match", draft.header("ETag"))
                    .body(withIds(example, Map.of()).toString()).put("/api/performance/frameworks/" + id)
                    .then().log().ifValidationFails().statusCode(200).body("status", equalTo("DRAFT"));
        }
        for (JsonNode example : examples("/api/performance/frameworks/{id}/new-version", "post").values()) {
            Response started = post(TestTokens.districtAdmin(), "/api/performance/frameworks/" + DEFAULT_FRAMEWORK + "/new-version",
                    withIds(example, Map.of()));
            started.then().log().ifValidationFails().statusCode(201).body("status", equalTo("DRAFT"))
                    .body("schoolYear", equalTo(example.path("schoolYear").asText()));
            drafts.add(started.path("id"));
        }
        // drafts rate nothing; deleted so that no other test meets them
        for (String id : drafts) {
            given().auth().oauth2(TestTokens.districtAdmin()).delete("/api/performance/frameworks/" + id).then().statusCode(204);
        }
    }

    @Test
    void theMetricExamplesDefineMetrics() {
        examples("/api/performance/metrics", "post").forEach((name, example) ->
                post(TestTokens.districtAdmin(), "/api/performance/metrics", withIds(example, Map.of())).then()
                        .log().ifValidationFails().statusCode(201).body("code", equalTo(example.path("code").asText())));
    }

    @Test
    void theResolutionExampleResolvesAnOpenFlag() {
        examples("/api/performance/integrity-flags/{flagId}/resolve", "post").forEach((name, example) -> {
            UUID school = Fixtures.school("INNOVATION").id();
            String flag = IntegrityFlagsTest.lowParticipation(school, "X");
            post(TestTokens.oversight(), "/api/performance/integrity-flags/" + flag + "/resolve", withIds(example, Map.of()))
                    .then().log().ifValidationFails().statusCode(200).body("status", equalTo("RESOLVED"))
                    .body("resolutionCode", equalTo(example.path("resolutionCode").asText()));
        });
    }

    @Test
    void theErasureExampleErasesTheStudentsRecordsAtTheSchoolItNames() {
        examples("/api/performance/student-records/erasures", "post").forEach((name, example) -> {
            UUID school = Fixtures.school("INNOVATION").id();
            JsonNode body = withIds(example, Map.of("schoolId", school.toString()));
            String student = body.path("studentId").asText();
            Fixtures.postJson("attendance", TestTokens.districtAdmin(), List.of(Fixtures.attendance(school, student, 172, 6.5)))
                    .statusCode(201).body("rowsAccepted", equalTo(1));
            post(TestTokens.districtAdmin(), "/api/performance/student-records/erasures", body).then().log().ifValidationFails()
                    .statusCode(200).body("kind", equalTo("ERASURE")).body("attendance", equalTo(1));
        });
    }
}
