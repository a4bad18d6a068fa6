package org.portfolio.performance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.portfolio.performance.domain.JobPhase;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricUnit;
import org.portfolio.performance.domain.RatingTier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What performance-service's document promises beyond what the exchanges of the other tests check
 * (docs/api-conventions.md): every fixed set of values is an enum, what every answer always carries is required and
 * what may be absent is not, the error answers are declared once (by platform-web's filter) with an operation's own
 * words where it has some, and the media types are the real ones (CSV exports, CSV uploads).
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** Property names that always hold one of a fixed set of values, wherever they appear. */
    private static final Set<String> FIXED_SETS = Set.of("tier", "status", "phase", "unit", "category", "direction",
            "kind", "format", "source", "computation", "type", "schoolType");

    private JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    /**
     * Eleventh pass, F2: resolving a flag takes a code or a note and refuses neither, but the schema allowed {@code {}}
     * (every property optional). {@code minProperties} says it without the composition generators handle worst;
     * {@code IntegrityFlagsTest} posts {@code {}} (400).
     */
    @Test
    void aResolutionWithNeitherCodeNorNoteIsForbiddenByTheDocument() {
        assertThat(schemas().path("ResolveIntegrityFlagRequest").path("minProperties").asInt()).isEqualTo(1);
    }

    /** Twelfth pass (a generated TypeScript client): the replay header was sent and said only in prose. */
    @Test
    void everyUploadDeclaresTheReplayHeaderItSends() {
        List<String> uploads = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getKey().startsWith("/api/performance/ingest/") && p.getValue().has("post")) {
                JsonNode header = p.getValue().at("/post/responses/201/headers/Idempotent-Replayed");
                assertThat(header.at("/schema/enum/0").asText()).as(p.getKey()).isEqualTo("true");
                assertThat(header.path("required").asBoolean(false)).as(p.getKey()).isFalse();
                uploads.add(p.getKey());
            }
        }
        assertThat(uploads).hasSize(6);
    }

    @Test
    void everyFixedSetOfValuesIsAnEnum() {
        List<String> loose = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            if (s.getKey().equals("Problem")) {
                continue; // its type is the problem type's URI
            }
            for (Iterator<Map.Entry<String, JsonNode>> p = s.getValue().path("properties").fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                if (FIXED_SETS.contains(property.getKey()) && !resolve(property.getValue()).has("enum")) {
                    loose.add(s.getKey() + "." + property.getKey());
                }
            }
        }
        assertThat(loose).as("fixed sets typed as plain strings").isEmpty();
        for (String[] tier : new String[][] {{"RatingResponse", "tier"}, {"RatingSummaryResponse", "tier"},
                {"PublicSchoolResponse", "tier"}}) {
            assertThat(values(tier[0], tier[1])).as(tier[0]).containsExactly(names(RatingTier.values()));
        }
        assertThat(values("PublicMetric", "category")).containsExactly(names(MetricCategory.values()));
        assertThat(values("PublicMetric", "unit")).containsExactly(names(MetricUnit.values()));
        assertThat(values("IngestionJobResponse", "phase")).containsExactly(names(JobPhase.values()));
        assertThat(values("SchoolResponse", "type")).containsExactly("DISTRICT", "CHARTER", "INNOVATION", "CONTRACT", "MAGNET");
        assertThat(values("SchoolResponse", "status")).containsExactly("PROPOSED", "OPEN", "CLOSING", "CLOSED");
        assertThat(values("Trend", "direction")).containsExactly("IMPROVING", "STEADY", "DECLINING");
        for (String records : List.of("AssessmentRecordResponse", "AttendanceRecordResponse")) {
            assertThat(values(records, "gradeLevel")).as(records)
                    .containsExactly("PK", "K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        }
        JsonNode type = resolve(operation("/api/performance/ratings", "get").path("parameters").findParents("name").stream()
                .filter(p -> p.path("name").asText().equals("type")).findFirst().orElseThrow().path("schema"));
        assertThat(type.path("enum").toString()).as("the ratings' type filter").contains("CHARTER", "MAGNET");
    }

    @Test
    void answersRequireWhatTheyAlwaysCarryAndNothingThatMayBeAbsent() {
        List<String> wrong = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            JsonNode properties = s.getValue().path("properties");
            if (s.getKey().endsWith("Response") && !s.getKey().startsWith("Page") && !s.getValue().has("required")) {
                wrong.add(s.getKey() + ": requires nothing");
            }
            s.getValue().path("required").forEach(r -> {
                if (!properties.has(r.asText())) {
                    wrong.add(s.getKey() + ": requires " + r.asText() + ", which it does not have");
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> p = properties.fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> property = p.next();
                if (property.getValue().toString().contains("\"null\"") || property.getValue().path("nullable").asBoolean()) {
                    wrong.add(s.getKey() + "." + property.getKey() + ": nullable (absent values are left out)");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(required("RatingResponse")).contains("rated", "totalPoints", "maxPoints", "coveragePercent", "categories",
                "metrics", "missing", "suppressed", "current").doesNotContain("tier", "percent", "notRatedReason");
        assertThat(required("MetricScore")).contains("metricCode", "maxPoints", "suppressed", "missing")
                .doesNotContain("value", "n", "points");
        assertThat(required("PublicMetric")).contains("suppressed").doesNotContain("value", "n");
        assertThat(required("IngestionJobResponse")).contains("status", "phase", "rowsAccepted", "errors", "errorsTotal")
                .doesNotContain("finishedAt", "durationMs", "failure");
        assertThat(required("FrameworkResponse")).contains("status", "version", "tiers").doesNotContain("publishedAt", "description");
        assertThat(required("MetricValue")).contains("value", "suppressed").doesNotContain("n", "trend");
        assertThat(resolve(schemas().path("MetricValue").path("properties").path("n")).path("type").asText())
                .as("a profile metric's n is an integer when present, never null").isEqualTo("integer");
        // not rated: rated false, no tier (its enum has only the four tiers), the reason in notRatedReason
        assertThat(required("RatingResponse")).contains("rated");
        assertThat(resolve(schemas().path("RatingResponse").path("properties").path("notRatedReason")).path("type").asText())
                .isEqualTo("string");
        assertThat(required("RatingSummaryResponse")).contains("rated").doesNotContain("tier", "percent");
        assertThat(required("PublicSchoolResponse")).doesNotContain("tier", "rated", "percent");
        assertThat(required("RowError")).containsExactlyInAnyOrder("row", "field", "message");
        assertThat(required("FieldError")).as("platform-web's field error of a 400 or 422")
                .containsExactlyInAnyOrder("field", "message");
    }

    @Test
    void errorsAreDeclaredOnceWithTheOperationsOwnWordsWhereItHasSome() {
        JsonNode upload = operation("/api/performance/ingest/assessments", "post").path("responses");
        assertThat(upload.path("422").path("description").asText()).contains("upload-rows-rejected");
        assertThat(upload.path("409").path("description").asText()).contains("idempotency-key-in-use");
        assertThat(upload.path("415").path("description").asText()).contains("application/json", "text/csv");
        for (String status : List.of("400", "401", "403", "409", "413", "415", "422", "503")) {
            assertThat(upload.path(status).path("content").has("application/problem+json")).as(status).isTrue();
        }
        JsonNode update = operation("/api/performance/frameworks/{id}", "put").path("responses");
        assertThat(update.path("409").path("description").asText()).contains("not a DRAFT");
        assertThat(update.path("412").path("content").has("application/problem+json")).isTrue();
        assertThat(operation("/api/performance/frameworks/{id}", "get").path("responses").path("404").path("description")
                .asText()).isEqualTo("No framework with this id");
    }

    @Test
    void bodiesDeclareTheirRealMediaTypes() {
        for (String export : List.of("/api/performance/ratings/export", "/api/performance/public/export")) {
            JsonNode ok = operation(export, "get").path("responses").path("200").path("content");
            assertThat(fieldNames(ok)).as(export).containsExactly("text/csv");
        }
        for (String kind : List.of("school-metrics", "assessments", "attendance")) {
            JsonNode body = operation("/api/performance/ingest/" + kind, "post").path("requestBody");
            assertThat(fieldNames(body.path("content"))).as(kind).containsExactlyInAnyOrder("application/json", "text/csv");
            assertThat(body.path("required").asBoolean()).isTrue();
            List<String> parameters = new ArrayList<>();
            operation("/api/performance/ingest/" + kind, "post").path("parameters")
                    .forEach(p -> parameters.add(resolve(p).path("name").asText()));
            assertThat(parameters).as("headers a client does not set by hand").containsExactly("Idempotency-Key");
        }
        JsonNode newVersion = operation("/api/performance/frameworks/{id}/new-version", "post").path("requestBody");
        assertThat(newVersion.path("required").asBoolean(false)).as("the new version's body is optional").isFalse();
    }

    /**
     * OWASP's API ruleset and Redocly flag a request string without {@code maxLength}: where an anchored pattern bounds
     * the string, platform-web's filter (PatternBounds) writes the bound; only unbounded patterns stay without one.
     */
    @Test
    void aStringWhosePatternBoundsItSaysItsMaxLength() {
        assertThat(parameterSchema("/api/performance/ratings", "schoolYear").path("maxLength").asInt()).isEqualTo(7);
        assertThat(parameterSchema("/api/performance/metrics/{code}", "code").path("maxLength").asInt()).isEqualTo(60);
        List<JsonNode> patterned = doc.findParents("pattern").stream().filter(s -> s.path("pattern").isTextual()).toList();
        List<String> withoutMaxLength = patterned.stream().filter(s -> !s.has("maxLength"))
                .map(s -> s.path("pattern").asText()).toList();
        assertThat(patterned.size()).isGreaterThan(withoutMaxLength.size());
        assertThat(withoutMaxLength).allMatch(p -> p.contains("*") || p.contains("+") || p.equals("\\S"));
    }

    private JsonNode parameterSchema(String path, String name) {
        for (JsonNode p : operation(path, "get").path("parameters")) {
            if (resolve(p).path("name").asText().equals(name)) {
                return resolve(p).path("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " on GET " + path);
    }

    private JsonNode schemas() {
        return doc.path("components").path("schemas");
    }

    private JsonNode operation(String path, String method) {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertThat(op.isMissingNode()).as(method + " " + path).isFalse();
        return op;
    }

    private List<String> values(String schema, String property) {
        JsonNode p = resolve(schemas().path(schema).path("properties").path(property));
        assertThat(p.has("enum")).as(schema + "." + property + " declares its values").isTrue();
        List<String> out = new ArrayList<>();
        p.path("enum").forEach(v -> out.add(v.asText()));
        return out;
    }

    private List<String> required(String schema) {
        List<String> out = new ArrayList<>();
        schemas().path(schema).path("required").forEach(r -> out.add(r.asText()));
        return out;
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return resolve(doc.at(node.path("$ref").asText().substring(1)));
        }
        JsonNode all = node.path("allOf"); // a $ref with a description of its own
        if (all.isArray() && all.size() == 1) {
            return resolve(all.get(0));
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
