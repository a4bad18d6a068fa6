package org.portfolio.contracts;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Builders and calls shared by the contract tests: schools, drafts, activations, metric events. */
final class Fixtures {

    static final String CONTRACTS_TOPIC = "contracts.events";
    static final String METRIC_TYPE = "portfolio.performance.MetricResultRecorded.v1";
    static final MonthDay LAST_DAY = MonthDay.of(6, 30);

    private Fixtures() {
    }

    // ------------------------------------------------------------ school years relative to today

    static SchoolYear currentYear() {
        return SchoolYear.containing(LocalDate.now(ZoneOffset.UTC), LAST_DAY);
    }

    /** The school year {@code n} years from the current one ("2026-27" for 0 in 2026-27). */
    static String year(int n) {
        return currentYear().plusYears(n).toString();
    }

    static LocalDate lastDayOf(String year) {
        return SchoolYear.parse(year).lastDay(LAST_DAY);
    }

    // ------------------------------------------------------------ registry

    static String admin() {
        return TestTokens.districtAdmin();
    }

    static String oversightBody() {
        return OversightBodyResourceTest.create("Board " + UUID.randomUUID());
    }

    static String proposedSchool(String bodyId) {
        return proposedSchool(bodyId, "CHARTER");
    }

    static String proposedSchool(String bodyId, String type) {
        String code = "S-" + UUID.randomUUID().toString().substring(0, 12);
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("districtCode", code, "name", "School " + code, "type", type,
                        "grades", List.of("9", "10", "11", "12"), "zone", "EAST", "oversightBodyId", bodyId))
                .post("/api/schools").then().statusCode(201).extract().path("id");
    }

    static String openSchool(String bodyId) {
        return openSchool(bodyId, "CHARTER");
    }

    static String openSchool(String bodyId, String type) {
        String id = proposedSchool(bodyId, type);
        decide(id, "OPEN", "Approved").statusCode(201);
        return id;
    }

    static String openSchool() {
        return openSchool(oversightBody());
    }

    static ValidatableResponse decide(String schoolId, String decision, String reason) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", reason))
                .post("/api/schools/" + schoolId + "/decisions").then();
    }

    // ------------------------------------------------------------ contract content

    static Map<String, Object> provision(String domain, String model) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("domain", domain);
        p.put("model", model);
        p.put("scope", domain + " autonomy");
        if (model.equals("EARNED")) {
            p.put("eligibility", Map.of("minimumTier", "MEETS", "consecutiveYears", 2));
        }
        return p;
    }

    static Map<String, Object> benchmark(String metric, String comparator, Number target, String period,
                                         List<String> guards, String missTriggers, boolean reinstateOnMet) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("metricCode", metric);
        b.put("comparator", comparator);
        b.put("target", target);
        b.put("period", period);
        b.put("category", "ORGANIZATIONAL");
        b.put("guardsDomains", guards);
        b.put("missTriggers", missTriggers);
        b.put("reinstateOnMet", reinstateOnMet);
        return b;
    }

    /** TEACHER_VACANCIES ≤ 3 in the current year, guarding PEOPLE, a miss triggers NOTICE_OF_CONCERN. */
    static Map<String, Object> vacancies() {
        return benchmark("TEACHER_VACANCIES", "LTE", 3, year(0), List.of("PEOPLE"), "NOTICE_OF_CONCERN", true);
    }

    static Map<String, Object> draftBody(String schoolId, String start, String end, List<Map<String, Object>> provisions,
                                         List<Map<String, Object>> benchmarks) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("schoolId", schoolId);
        d.put("term", Map.of("startYear", start, "endYear", end));
        d.put("provisions", provisions);
        d.put("benchmarks", benchmarks);
        return d;
    }

    /** A draft for the current year and the two after it: PEOPLE (full, with expectations) and MONEY (earned). */
    static Map<String, Object> standardDraft(String schoolId, Map<String, Object>... benchmarks) {
        return draftBody(schoolId, year(0), year(2),
                List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS"), provision("MONEY", "EARNED")),
                benchmarks.length == 0 ? List.of(vacancies()) : Arrays.asList(benchmarks));
    }

    static ValidatableResponse postDraft(Map<String, Object> body) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body).post("/api/contracts").then();
    }

    static String draft(Map<String, Object> body) {
        return postDraft(body).statusCode(201).extract().path("id");
    }

    static ValidatableResponse activate(String contractId) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("reason", "Board approval"))
                .post("/api/contracts/" + contractId + "/activation").then();
    }

    @SafeVarargs
    static String activeContract(String schoolId, Map<String, Object>... benchmarks) {
        String id = draft(standardDraft(schoolId, benchmarks));
        activate(id).statusCode(200);
        return id;
    }

    static String etag(String contractId) {
        return given().auth().oauth2(admin()).get("/api/contracts/" + contractId).then().statusCode(200)
                .extract().header("ETag");
    }

    static ValidatableResponse scorecard(String contractId) {
        return given().auth().oauth2(admin()).get("/api/contracts/" + contractId + "/scorecard").then().statusCode(200);
    }

    // ------------------------------------------------------------ the document's request examples

    /**
     * The request example the served document shows for an operation ({@code paths.<path>.<method>.requestBody.content
     * .application/json.examples.<name>.value}), as JSON text, with every property named in {@code ids} (at any depth)
     * set to the real id given: what an integrator would send after copying it. Each of those properties must occur.
     */
    static String documentExample(String path, String method, String name, Map<String, String> ids) {
        return org.portfolio.testing.RequestExamples.withEachProperty(
                org.portfolio.testing.RequestExamples.named(path, method, name), ids).toString();
    }

    /** Sends the document's example {@code name} of {@code method path} as the district admin, {id} being {@code id}. */
    static ValidatableResponse sendExample(String method, String path, String name, String id, Map<String, String> ids) {
        String body = documentExample(path, method, name, ids);
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .request(method.toUpperCase(java.util.Locale.ROOT), id == null ? path : path.replace("{id}", id)).then();
    }

    // ------------------------------------------------------------ events

    static Map<String, Object> metric(String schoolId, String metricCode, String period, Number value, Integer n,
                                      boolean suppressed) {
        Map<String, Object> m = new HashMap<>();
        m.put("resultId", UUID.randomUUID().toString());
        m.put("schoolId", schoolId);
        m.put("metricCode", metricCode);
        m.put("period", period);
        m.put("value", value);
        m.put("n", n);
        m.put("suppressed", suppressed);
        m.put("previousValue", null);
        m.put("source", "SIS_SCHOOL_LEVEL");
        m.put("recordedAt", java.time.Instant.now().toString());
        return m;
    }

    static String publishMetric(Map<String, Object> data) {
        return EventsProbe.publish("performance.events", "/performance", METRIC_TYPE, (String) data.get("schoolId"), data);
    }

    static EventsProbe.Received awaitEvent(String name, Predicate<EventsProbe.Received> match) {
        String type = "portfolio.contracts." + name + ".v1";
        return EventsProbe.await(CONTRACTS_TOPIC, e -> type.equals(e.type()) && match.test(e), Duration.ofSeconds(20));
    }

    static List<EventsProbe.Received> events(String name, Predicate<EventsProbe.Received> match) {
        String type = "portfolio.contracts." + name + ".v1";
        return new ArrayList<>(EventsProbe.ofType(CONTRACTS_TOPIC, type).stream().filter(match).toList());
    }

    static Predicate<EventsProbe.Received> about(String field, String value) {
        return e -> e.data() != null && e.data().hasNonNull(field) && value.equals(e.data().get(field).asText());
    }
}
