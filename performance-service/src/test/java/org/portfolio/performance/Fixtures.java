package org.portfolio.performance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.ValidatableResponse;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.ContractValidation;
import org.portfolio.testing.contract.OpenApiContract;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** Test helpers: schools registered through real events, uploads, and reading performance.events. */
final class Fixtures {

    static final String TOPIC = "performance.events";
    static final String METRIC_RECORDED = "portfolio.performance.MetricResultRecorded.v1";
    static final String RATING_PUBLISHED = "portfolio.performance.SchoolRatingPublished.v1";
    static final String REGISTERED = "portfolio.contracts.SchoolRegistered.v1";
    static final String STATUS_CHANGED = "portfolio.contracts.SchoolStatusChanged.v1";
    static final String DEMAND_REPORTED = "portfolio.enrollment.DemandReported.v1";
    static final String YEAR = "2026-27";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    record School(UUID id, String districtCode) {
    }

    /** Registers a school the way contracts-service does (SchoolRegistered on contracts.events) and waits for it. */
    static School school(String type) {
        return school(type, null);
    }

    /** A school with the given name (null: "School T-…"). */
    static School school(String type, String name) {
        UUID id = UUID.randomUUID();
        String code = "T-" + id.toString().substring(0, 8);
        EventsProbe.publish("contracts.events", "/contracts", REGISTERED, id.toString(),
                Map.of("schoolId", id, "districtCode", code, "name", name == null ? "School " + code : name, "type", type,
                        "grades", List.of("6", "7", "8"), "zone", "EAST", "status", "PROPOSED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/performance/schools").then().statusCode(200).body("schoolId", hasItem(id.toString())));
        return new School(id, code);
    }

    static School school() {
        return school("CHARTER");
    }

    static ValidatableResponse postJson(String kind, String token, Object rows) {
        return given().auth().oauth2(token).contentType("application/json").body(rows)
                .post("/api/performance/ingest/" + kind).then().log().ifValidationFails();
    }

    private static OpenApiContract document;

    /**
     * Posts rows of which some break the document's row schema on purpose (a level out of range, a missing field, an
     * element that is not an object) to see them rejected one by one. An upload answers such rows inside its 201, as
     * row errors, and keeps the others; the contract check would count that as an acceptance of a request the
     * document forbids. So for this one exchange the check is suspended, and here the answer is checked against the
     * document and the rows are checked to break it (a helper for valid rows would hide nothing).
     */
    static ValidatableResponse postRowsTheDocumentForbids(String kind, String token, Object rows) {
        String path = "/api/performance/ingest/" + kind;
        String body;
        io.restassured.response.Response r;
        try (AutoCloseable off = ContractValidation.off("rows the document forbids are refused one by one in the 201's "
                + "row errors; the answer is checked against the document right after")) {
            body = JSON.writeValueAsString(rows);
            r = given().auth().oauth2(token).contentType("application/json").body(body).post(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (document == null) {
            document = OpenApiContract.parse(given().accept("application/json").get("/q/openapi?format=json").asString());
        }
        var x = new OpenApiContract.Exchange("POST", path, null, "application/json", body, r.statusCode(), r.contentType(),
                r.asString());
        assertThat(document.checkRequest(x)).as("the rows break the document's row schema on purpose").isNotEmpty();
        assertThat(document.checkResponse(x)).as("the answer conforms to the document").isEmpty();
        return r.then().log().ifValidationFails();
    }

    static ValidatableResponse postCsv(String kind, String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv)
                .post("/api/performance/ingest/" + kind).then().log().ifValidationFails();
    }

    static Map<String, Object> assessment(UUID school, String student, String subject, int level, Integer sgp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schoolId", school.toString());
        m.put("schoolYear", YEAR);
        m.put("studentId", student);
        m.put("subject", subject);
        m.put("testCode", "STATE");
        m.put("gradeLevel", "7");
        m.put("performanceLevel", level);
        if (sgp != null) {
            m.put("growthPercentile", sgp);
        }
        return m;
    }

    static Map<String, Object> attendance(UUID school, String student, double enrolled, double absent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schoolId", school.toString());
        m.put("schoolYear", YEAR);
        m.put("studentId", student);
        m.put("daysEnrolled", enrolled);
        m.put("daysAbsent", absent);
        return m;
    }

    static Map<String, Object> value(UUID school, String metric, Object value, Integer n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schoolId", school.toString());
        m.put("schoolYear", YEAR);
        m.put("metricCode", metric);
        m.put("value", value);
        if (n != null) {
            m.put("n", n);
        }
        return m;
    }

    /** n students of a school in one subject, the first {@code proficient} at level 4, the others at level 2. */
    static List<Map<String, Object>> students(UUID school, String prefix, String subject, int n, int proficient) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(assessment(school, prefix + i, subject, i < proficient ? 4 : 2, null));
        }
        return rows;
    }

    static List<EventsProbe.Received> events(UUID school, String type) {
        return EventsProbe.readAll(TOPIC).stream()
                .filter(e -> school.toString().equals(e.subject()) && type.equals(e.type())).toList();
    }

    static EventsProbe.Received awaitEvent(UUID school, String type, Predicate<EventsProbe.Received> match) {
        try {
            return EventsProbe.await(TOPIC, e -> school.toString().equals(e.subject()) && type.equals(e.type())
                    && match.test(e), Duration.ofSeconds(30));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the school's events: " + EventsProbe.readAll(TOPIC).stream()
                    .filter(x -> school.toString().equals(x.subject())).map(x -> x.type() + " " + x.data()).toList(), e);
        }
    }

    static EventsProbe.Received awaitMetric(UUID school, String metric, Predicate<EventsProbe.Received> match) {
        return awaitEvent(school, METRIC_RECORDED, e -> metric.equals(e.data().get("metricCode").asText()) && match.test(e));
    }

    /**
     * Makes a known change for the school (a TEACHER_VACANCIES value) and waits for its event: events of one school
     * are relayed in order on one partition, so once the marker is on the topic, everything before it is too.
     */
    static void marker(UUID school) {
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("code", MARKER, "name", "Test marker", "category", "ORGANIZATIONAL",
                        "direction", "HIGHER_IS_BETTER", "unit", "COUNT"))
                .post("/api/performance/metrics").then().statusCode(org.hamcrest.Matchers.oneOf(201, 409));
        int v = 1000 + (int) (Math.random() * 100000);
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(value(school, MARKER, v, null)))
                .statusCode(201).body("rowsAccepted", org.hamcrest.Matchers.equalTo(1));
        awaitMetric(school, MARKER, e -> e.data().get("value").asInt() == v);
    }

    /** A school-level metric in no framework: changing it changes no rating. */
    static final String MARKER = "TEST_MARKER";

    static long count(UUID school, String type, String metric) {
        return events(school, type).stream()
                .filter(e -> metric == null || metric.equals(e.data().get("metricCode").asText())).count();
    }
}
