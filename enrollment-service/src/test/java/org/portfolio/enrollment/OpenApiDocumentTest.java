package org.portfolio.enrollment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.enrollment.domain.ChoiceOutcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What enrollment's document promises beyond what the exchanges of the other tests check (docs/api-conventions.md):
 * every fixed set of values is an enum, what every answer carries is required (so that an answer leaving it out
 * fails), and the error answers are declared once, by the filter, with an operation's own words where it has some.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void everyFixedSetOfValuesIsAnEnum() {
        assertThat(values("OfferResponse", "source")).containsExactly("MATCH", "WAITLIST");
        assertThat(values("ChoiceResult", "outcome"))
                .containsExactlyInAnyOrder(Arrays.stream(ChoiceOutcome.values()).map(Enum::name).toArray(String[]::new));
        assertThat(values("SchoolResponse", "type")).containsExactlyInAnyOrder("DISTRICT", "CHARTER", "INNOVATION", "CONTRACT", "MAGNET");
        assertThat(values("SchoolResponse", "status")).containsExactlyInAnyOrder("PROPOSED", "OPEN", "CLOSING", "CLOSED");
        for (String[] field : new String[][] {{"OfferResponse", "priorityGroup"}, {"WaitlistResponse", "priorityGroup"},
                {"ChoiceResult", "priorityGroup"}, {"Block", "cutoffGroup"}, {"Cutoff", "group"}, {"ProgramFigures", "cutoffGroup"}}) {
            assertThat(values(field[0], field[1])).as(field[0] + "." + field[1])
                    .containsExactlyInAnyOrder("CONTINUING", "SIBLING", "STAFF", "ZONE", "GENERAL");
        }
    }

    /**
     * Eleventh pass (the OpenAPI fuzzer through a generated Python client): a grade named by reference to the shared
     * {@code Grade} schema lost its place in {@code required}, so a client could leave out what the service refuses
     * without (400 "must not be null").
     */
    @Test
    void aRequestsGradeIsRequiredAsTheServiceRequiresIt() {
        for (String request : new String[] {"ProgramRequest", "ApplicantRequest"}) {
            List<String> required = new java.util.ArrayList<>();
            doc.path("components").path("schemas").path(request).path("required").forEach(n -> required.add(n.asText()));
            assertThat(required).as(request).contains("grade");
        }
    }

    /** Eleventh pass: a binary body made a generated Python client open the NDJSON text as a file name. */
    @Test
    void theImportsBodyIsTextAGeneratedClientSendsAsItIs() {
        JsonNode body = doc.path("paths").path("/api/enrollment/periods/{periodId}/application-imports").path("post")
                .path("requestBody");
        assertThat(body.path("required").asBoolean()).isTrue();
        JsonNode schema = body.path("content").path("application/x-ndjson").path("schema");
        assertThat(schema.path("type").asText()).isEqualTo("string");
        assertThat(schema.has("format")).as("no format: binary").isFalse();
    }

    /**
     * Twelfth pass (a generated TypeScript client): the line's shape was in the description only, so a client had no
     * model to write one with (and wrote a birth date as a date-time). It is a component, the applicant the very
     * ApplicantRequest a single submission takes.
     */
    @Test
    void anImportLineIsAComponentAGeneratorMakesAModelOf() {
        JsonNode line = doc.path("components").path("schemas").path("ApplicationImportLine");
        assertThat(line.path("properties").path("applicant").path("$ref").asText()).isEqualTo("#/components/schemas/ApplicantRequest");
        assertThat(line.path("properties").path("choices").path("items").path("format").asText()).isEqualTo("uuid");
        assertThat(line.path("properties").path("choices").path("minItems").asInt()).isEqualTo(1);
        assertThat(line.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("applicant", "choices");
        assertThat(doc.at("/paths/~1api~1enrollment~1periods~1{periodId}~1application-imports/post/requestBody/content/"
                + "application~1x-ndjson/schema/description").asText()).contains("ApplicationImportLine");
        // named from the operation (OpenAPI 3.2's itemSchema, as an extension): the merged document keeps what is named
        assertThat(doc.at("/paths/~1api~1enrollment~1periods~1{periodId}~1application-imports/post/requestBody/content/"
                + "application~1x-ndjson/x-itemSchema/$ref").asText()).isEqualTo("#/components/schemas/ApplicationImportLine");
    }

    @Test
    void everyAnswerSchemaRequiresWhatItAlwaysCarries() {
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("components").path("schemas").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            if (!s.getKey().endsWith("Response") || s.getKey().startsWith("Page")) {
                continue;
            }
            List<String> required = new ArrayList<>();
            s.getValue().path("required").forEach(r -> required.add(r.asText()));
            for (String always : List.of("id", "version", "createdAt", "periodId", "applicantId", "programId", "schoolId")) {
                if (s.getValue().path("properties").has(always) && !required.contains(always)) {
                    missing.add(s.getKey() + "." + always);
                }
            }
            required.stream().filter(r -> !s.getValue().path("properties").has(r)).forEach(r -> missing.add(s.getKey() + ": no property " + r));
        }
        assertThat(missing).isEmpty();
        assertThat(required("PeriodResponse")).contains("status", "round").doesNotContain("previousPeriodId", "lotterySeed", "matchedAt");
        assertThat(required("OfferResponse")).contains("status", "source", "deadline").doesNotContain("respondedAt");
        assertThat(required("ResultResponse")).contains("choices", "offerHistory").doesNotContain("offer");
    }

    @Test
    void errorsAreDeclaredOnceWithTheOperationsOwnWordsWhereItHasSome() {
        JsonNode open = doc.at("/paths/~1api~1enrollment~1periods~1{id}~1open/post/responses");
        assertThat(open.path("409").path("description").asText()).contains("not DRAFT or CLOSED");
        assertThat(open.path("404").path("description").asText()).isEqualTo("No period with this id");
        assertThat(open.path("403").path("description").asText()).contains("DISTRICT_ADMIN", "ENROLLMENT_OFFICER");
        JsonNode result = doc.at("/paths/~1api~1enrollment~1periods~1{periodId}~1applications~1{applicantId}~1result/get/responses");
        assertThat(result.path("409").path("description").asText()).contains("results-not-published");
        assertThat(result.path("409").path("content").has("application/problem+json")).isTrue();
    }

    private List<String> values(String schema, String property) {
        JsonNode p = resolve(doc.path("components").path("schemas").path(schema).path("properties").path(property));
        assertThat(p.has("enum")).as(schema + "." + property + " declares its values").isTrue();
        List<String> out = new ArrayList<>();
        p.path("enum").forEach(v -> out.add(v.asText()));
        return out;
    }

    private List<String> required(String schema) {
        List<String> out = new ArrayList<>();
        doc.path("components").path("schemas").path(schema).path("required").forEach(r -> out.add(r.asText()));
        return out;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.path("$ref").asText().substring(1)) : node;
    }
}
