package org.portfolio.contracts;

import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.portfolio.contracts.Fixtures.activate;
import static org.portfolio.contracts.Fixtures.admin;
import static org.portfolio.contracts.Fixtures.benchmark;
import static org.portfolio.contracts.Fixtures.draft;
import static org.portfolio.contracts.Fixtures.etag;
import static org.portfolio.contracts.Fixtures.openSchool;
import static org.portfolio.contracts.Fixtures.postDraft;
import static org.portfolio.contracts.Fixtures.standardDraft;
import static org.portfolio.contracts.Fixtures.vacancies;
import static org.portfolio.contracts.Fixtures.year;

/**
 * Ninth pass, N11: contracts learns each metric's better direction from performance-service's MetricDefined (consumer
 * {@code metric-directions}, on the real broker and database) and refuses a benchmark whose comparator points the other
 * way — CHRONIC_ABSENTEEISM GTE 10 would be met by the schools with more absent students and missed by the others, and
 * a miss revokes autonomy — with a 422 naming {@code benchmarks[i].comparator}: at drafting, editing, activation,
 * amendment and renewal; a benchmark written before the direction was known is shown on the scorecard with its
 * {@code directionConflict}. A metric not known yet is accepted; a MetricDefined not from performance-service teaches
 * nothing. Each test uses metric codes of its own (the directions are global).
 */
@QuarkusTest
class BenchmarkDirectionTest {

    static final String TYPE = "portfolio.performance.MetricDefined.v1";

    static String code(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static Map<String, Object> defined(String code, String direction) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("metricCode", code);
        d.put("name", "Metric " + code);
        d.put("category", "ORGANIZATIONAL");
        d.put("direction", direction);
        d.put("unit", "PERCENT");
        d.put("computation", direction.equals("LOWER_IS_BETTER") ? "CHRONIC_ABSENTEEISM" : "SCHOOL_LEVEL");
        d.put("definedAt", Instant.now().toString());
        return d;
    }

    static String publishDefined(String code, String direction) {
        return EventsProbe.publish("performance.events", "/performance", TYPE, code, defined(code, direction));
    }

    static Map<String, Object> absenteeism(String code, String comparator) {
        return benchmark(code, comparator, 10, year(0), List.of("PEOPLE"), "REVOCATION", true);
    }

    static io.restassured.response.ValidatableResponse edit(String contract, List<Map<String, Object>> benchmarks) {
        Map<String, Object> body = new LinkedHashMap<>(standardDraft("ignored"));
        body.remove("schoolId");
        body.put("benchmarks", benchmarks);
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .put("/api/contracts/" + contract).then();
    }

    /** Edits the draft with the benchmarks until contracts knows the metric's direction and refuses them. */
    static void awaitRefused(String draft, List<Map<String, Object>> benchmarks) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> edit(draft, benchmarks).statusCode(422));
    }

    @Test
    void aBenchmarkPointingAgainstItsMetricsDirectionIsRefusedOnceTheDirectionIsKnown() {
        String absent = code("ABSENT");
        String school = openSchool();
        // not known yet: accepted (it may be defined later)
        String early = draft(standardDraft(school, vacancies(), absenteeism(absent, "GTE")));

        publishDefined(absent, "LOWER_IS_BETTER");
        awaitRefused(early, List.of(vacancies(), absenteeism(absent, "GTE")));

        // drafting: 422 problem+json naming the comparator of the benchmark, in words
        postDraft(standardDraft(school, vacancies(), absenteeism(absent, "GTE"))).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:portfolio:problem:unprocessable"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("benchmarks[1].comparator"))
                .body("errors[0].message", containsString(absent + " is LOWER_IS_BETTER"))
                .body("errors[0].message", containsString("compare with LTE or LT"));
        postDraft(standardDraft(school, absenteeism(absent, "GT"))).statusCode(422)
                .body("errors[0].field", equalTo("benchmarks[0].comparator"));
        // the right way round, and EQ (which points no way), are accepted
        draft(standardDraft(school, absenteeism(absent, "LTE")));
        draft(standardDraft(school, absenteeism(absent, "LT")));
        draft(standardDraft(school, absenteeism(absent, "EQ")));

        // a HIGHER_IS_BETTER metric the other way round
        String proficient = code("PROFICIENT");
        String other = draft(standardDraft(school, benchmark(proficient, "LTE", 40, year(0), List.of(), "NOTICE_OF_CONCERN", false)));
        publishDefined(proficient, "HIGHER_IS_BETTER");
        awaitRefused(other, List.of(benchmark(proficient, "LTE", 40, year(0), List.of(), "NOTICE_OF_CONCERN", false)));
        edit(other, List.of(benchmark(proficient, "LT", 40, year(0), List.of(), "NOTICE_OF_CONCERN", false)))
                .statusCode(422).body("errors[0].field", equalTo("benchmarks[0].comparator"))
                .body("errors[0].message", containsString("compare with GTE or GT"));
        edit(other, List.of(benchmark(proficient, "GTE", 40, year(0), List.of(), "NOTICE_OF_CONCERN", false)))
                .statusCode(200);

        // a draft written while the direction was unknown is refused at activation, and stays a DRAFT
        activate(early).statusCode(422).body("errors[0].field", equalTo("benchmarks[1].comparator"));
        given().auth().oauth2(admin()).get("/api/contracts/" + early).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void anAmendmentOrARenewalWithABenchmarkPointingTheWrongWayIs422() {
        String absent = code("ABSENT");
        String school = openSchool();
        // the contract was activated before the direction was known, with the benchmark the wrong way round
        String contract = draft(standardDraft(school, vacancies(), absenteeism(absent, "GTE")));
        activate(contract).statusCode(200);
        String probe = draft(standardDraft(openSchool(), absenteeism(absent, "GTE")));
        publishDefined(absent, "LOWER_IS_BETTER");
        awaitRefused(probe, List.of(absenteeism(absent, "GTE")));

        // the scorecard says so of the benchmark written the wrong way round, not of the other one
        Fixtures.scorecard(contract)
                .body("benchmarks.find { it.metricCode == '" + absent + "' }.directionConflict",
                        containsString(absent + " is LOWER_IS_BETTER"))
                .body("benchmarks.find { it.metricCode == 'TEACHER_VACANCIES' }", not(hasKey("directionConflict")));

        // an amendment that sends the wrong comparator
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "Stricter", "benchmarks", List.of(vacancies(), absenteeism(absent, "GTE"))))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(422)
                .body("errors[0].field", equalTo("benchmarks[1].comparator"));
        // an amendment of something else keeps the benchmarks, the wrong one too: refused until it is put right
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "New term", "term", Map.of("startYear", year(0), "endYear", year(3))))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(422)
                .body("errors[0].field", equalTo("benchmarks[1].comparator"));
        String benchmarkId = given().auth().oauth2(admin()).get("/api/contracts/" + contract).then().statusCode(200)
                .extract().path("benchmarks[1].benchmarkId");
        Map<String, Object> fixed = new LinkedHashMap<>(absenteeism(absent, "LTE"));
        fixed.put("benchmarkId", benchmarkId);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "Absenteeism: at most 10 %", "benchmarks", List.of(vacancies(), fixed)))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(201)
                .body("benchmarks[1].comparator", equalTo("LTE"));
        Fixtures.scorecard(contract).body("benchmarks.findAll { it.directionConflict != null }", hasSize(0));

        // a renewal with the wrong comparator: 422, the contract stays ACTIVE
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "Renewed", "term", Map.of("startYear", year(1), "endYear", year(3)),
                        "benchmarks", List.of(benchmark(absent, "GTE", 10, year(1), List.of("PEOPLE"), "REVOCATION", true))))
                .post("/api/contracts/" + contract + "/renewal").then().statusCode(422)
                .body("errors[0].field", equalTo("benchmarks[0].comparator"));
        given().auth().oauth2(admin()).get("/api/contracts/" + contract).then().body("status", equalTo("ACTIVE"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "Renewed", "term", Map.of("startYear", year(1), "endYear", year(3)),
                        "benchmarks", List.of(benchmark(absent, "LTE", 10, year(1), List.of("PEOPLE"), "REVOCATION", true))))
                .post("/api/contracts/" + contract + "/renewal").then().statusCode(201);
    }

    @Test
    void aMetricDefinedNotByPerformanceServiceTeachesNothing() {
        String absent = code("ABSENT");
        String school = openSchool();
        // a copy of the event with another source on performance.events: dead-lettered by this consumer, not applied
        String forged = EventsProbe.publish("performance.events", "/contracts", TYPE, absent, defined(absent, "LOWER_IS_BETTER"));
        var dead = EventsProbe.await("performance.events.dlq",
                e -> forged.equals(e.id()) && "metric-directions".equals(e.header("dlq-consumer")), Duration.ofSeconds(30));
        assertThat(dead.header("dlq-error")).contains("/contracts");
        // a direction that is neither: poison, dead-lettered, naming it
        String bad = EventsProbe.publish("performance.events", "/performance", TYPE, absent, defined(absent, "SIDEWAYS"));
        var poison = EventsProbe.await("performance.events.dlq",
                e -> bad.equals(e.id()) && "metric-directions".equals(e.header("dlq-consumer")), Duration.ofSeconds(30));
        assertThat(poison.header("dlq-error")).contains("SIDEWAYS");
        // neither taught contracts a direction: the wrong way round is still accepted (the metric is not known)
        draft(standardDraft(school, absenteeism(absent, "GTE")));
    }
}
