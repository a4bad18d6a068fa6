package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.contracts.Fixtures.*;

/**
 * The contracts hop of the flagship chain, on the real broker: MetricResultRecorded on performance.events →
 * BenchmarkEvaluated and InterventionEscalated on contracts.events, the scorecard and the history.
 */
@QuarkusTest
class BenchmarkEvaluationTest {

    @Test
    void aMissedBenchmarkPublishesTheEvaluationAndEscalatesTheIntervention() {
        String school = openSchool();
        String contract = activeContract(school);
        String eventId = publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));

        var evaluated = awaitEvent("BenchmarkEvaluated", about("contractId", contract));
        var d = evaluated.data();
        assertThat(evaluated.subject()).isEqualTo(school);
        assertThat(d.get("result").asText()).isEqualTo("MISSED");
        assertThat(d.get("metricCode").asText()).isEqualTo("TEACHER_VACANCIES");
        assertThat(d.get("period").asText()).isEqualTo(year(0));
        assertThat(d.get("comparator").asText()).isEqualTo("LTE");
        assertThat(d.get("target").asInt()).isEqualTo(3);
        assertThat(d.get("actual").asInt()).isEqualTo(7);
        assertThat(d.get("category").asText()).isEqualTo("ORGANIZATIONAL");
        assertThat(d.get("guardsDomains").get(0).asText()).isEqualTo("PEOPLE");
        assertThat(d.get("consequence").get("interventionLevel").asText()).isEqualTo("NOTICE_OF_CONCERN");
        assertThat(d.get("consequence").get("reinstateOnMet").asBoolean()).isTrue();
        assertThat(d.get("sourceEventId").asText()).isEqualTo(eventId);
        assertThat(d.get("schoolId").asText()).isEqualTo(school);
        String evaluationId = d.get("evaluationId").asText();
        String benchmarkId = d.get("benchmarkId").asText();

        var escalated = awaitEvent("InterventionEscalated", about("contractId", contract));
        var x = escalated.data();
        assertThat(x.get("previousLevel").asText()).isEqualTo("NONE");
        assertThat(x.get("level").asText()).isEqualTo("NOTICE_OF_CONCERN");
        assertThat(x.get("reason").asText()).contains("TEACHER_VACANCIES", "missed: 7 > 3");
        assertThat(x.get("cause").get("kind").asText()).isEqualTo("BENCHMARK_MISSED");
        assertThat(x.get("cause").get("benchmarkId").asText()).isEqualTo(benchmarkId);
        assertThat(x.get("cause").get("evaluationId").asText()).isEqualTo(evaluationId);
        assertThat(x.get("decidedBy").asText()).isEqualTo("system");
        assertThat(escalated.partition()).isEqualTo(evaluated.partition());
        assertThat(escalated.offset()).isGreaterThan(evaluated.offset());

        scorecard(contract)
                .body("benchmarks[0].status", equalTo("MISSED"))
                .body("benchmarks[0].latestActual", equalTo(7))
                .body("benchmarks[0].sourceEventId", equalTo(eventId))
                .body("benchmarks[0].evaluationId", equalTo(evaluationId))
                .body("summary.missed", equalTo(1))
                .body("intervention.level", equalTo("NOTICE_OF_CONCERN"))
                .body("intervention.causeKind", equalTo("BENCHMARK_MISSED"));

        List<Map<String, Object>> history = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history")
                .then().statusCode(200).extract().path("items");
        var evaluatedEntry = history.stream().filter(h -> "BENCHMARK_EVALUATED".equals(h.get("kind"))).findFirst().orElseThrow();
        assertThat(((Map<?, ?>) evaluatedEntry.get("cause")).get("eventId")).isEqualTo(eventId);
        assertThat(history.stream().map(h -> (String) h.get("kind")).toList())
                .containsSubsequence("CONTRACT_ACTIVATED", "BENCHMARK_EVALUATED", "INTERVENTION_CHANGED");
    }

    @Test
    void aRedeliveredMetricEventChangesNothing() {
        String school = openSchool();
        String contract = activeContract(school);
        Map<String, Object> data = metric(school, "TEACHER_VACANCIES", year(0), 8, null, false);
        String eventId = UUID.randomUUID().toString();
        EventsProbe.publish("performance.events", eventId, "/performance", METRIC_TYPE, school, data);
        awaitEvent("InterventionEscalated", about("contractId", contract));

        // the same event again (a redelivery), and the same value under a new event id (not new data)
        EventsProbe.publish("performance.events", eventId, "/performance", METRIC_TYPE, school, data);
        Map<String, Object> again = new HashMap<>(data);
        again.put("recordedAt", Instant.now().toString());
        publishMetric(again);
        // a later event of the same school (same partition, so applied after them) marks that they were consumed
        publishMetric(metric(school, "TEACHER_VACANCIES", year(-1), 1, null, false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(scorecard(contract).extract().<List<String>>path("benchmarks[0].trend.period")).contains(year(-1)));

        assertThat(events("BenchmarkEvaluated", about("contractId", contract))).hasSize(1);
        assertThat(events("InterventionEscalated", about("contractId", contract))).hasSize(1);
        List<String> kinds = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history")
                .then().extract().path("items.kind");
        assertThat(kinds.stream().filter("BENCHMARK_EVALUATED"::equals)).hasSize(1);
        scorecard(contract).body("intervention.level", equalTo("NOTICE_OF_CONCERN"));
    }

    @Test
    void newerDataReEvaluatesAndRepeatedMissesEscalateStepByStep() {
        String school = openSchool();
        var ela = benchmark("ELA_PROFICIENCY", "GTE", 45, year(0), List.of(), "CORRECTIVE_ACTION_PLAN", false);
        var attendance = benchmark("ATTENDANCE_RATE", "GTE", 92, year(0), List.of("PEOPLE"), "NOTICE_OF_CONCERN", false);
        String contract = activeContract(school, vacancies(), ela, attendance);

        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 2, null, false));   // MET
        awaitResults(contract, "MET");
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));   // MISSED: NONE → NOTICE
        awaitLevel(contract, "NOTICE_OF_CONCERN");
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 9, null, false));   // the same miss again: no step
        awaitResults(contract, "MET", "MISSED", "MISSED");
        publishMetric(metric(school, "ELA_PROFICIENCY", year(0), 38.5, 212, false));   // triggers CAP: NOTICE → CAP
        awaitLevel(contract, "CORRECTIVE_ACTION_PLAN");
        publishMetric(metric(school, "ATTENDANCE_RATE", year(0), 88, 400, false));     // repeated: CAP → PROBATION
        awaitLevel(contract, "PROBATION");

        List<String> levels = events("InterventionEscalated", about("contractId", contract)).stream()
                .map(e -> e.data().get("level").asText()).toList();
        assertThat(levels).containsExactly("NOTICE_OF_CONCERN", "CORRECTIVE_ACTION_PLAN", "PROBATION");
        var last = events("InterventionEscalated", about("contractId", contract)).get(2);
        assertThat(last.data().get("reason").asText()).contains("repeated miss while at CORRECTIVE_ACTION_PLAN");
        scorecard(contract).body("summary.missed", equalTo(3))
                .body("benchmarks.find { it.metricCode == 'ELA_PROFICIENCY' }.latestActual", equalTo(38.5f));
    }

    /**
     * Third pass of 2026-12-05: an amendment that resent a benchmark without its id made it a new benchmark, evaluated on
     * the value already known as a new miss, and each such amendment escalated one more step (three reached
     * REVOCATION). The same value of the same measure is the same miss seen again, whatever the benchmark's id.
     */
    @Test
    void aBenchmarkResentWithoutItsIdDoesNotEscalateAgainOnTheSameValue() {
        String school = openSchool();
        String contract = activeContract(school);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));
        awaitLevel(contract, "NOTICE_OF_CONCERN");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .header("If-Match", etag(contract))
                    .body(Map.of("reason", "Benchmarks retyped " + i, "benchmarks", List.of(vacancies())))
                    .post("/api/contracts/" + contract + "/amendments").then().statusCode(201);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> events("BenchmarkEvaluated", about("contractId", contract)).size() == 3);
        assertThat(events("BenchmarkEvaluated", about("contractId", contract)))
                .allSatisfy(e -> assertThat(e.data().get("result").asText()).isEqualTo("MISSED"));
        scorecard(contract).body("intervention.level", equalTo("NOTICE_OF_CONCERN"));
        assertThat(events("InterventionEscalated", about("contractId", contract))).hasSize(1);
        // a new value that misses again is a repeated miss: one step
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 9, null, false));
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 2, null, false));
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 8, null, false));
        awaitLevel(contract, "CORRECTIVE_ACTION_PLAN");
    }

    @Test
    void nothingEscalatesPastRevocation() {
        String school = openSchool();
        var ela = benchmark("ELA_PROFICIENCY", "GTE", 45, year(0), List.of(), "PROBATION", false);
        String contract = activeContract(school, vacancies(), ela);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("level", "REVOCATION", "reason", "Financial mismanagement"))
                .put("/api/contracts/" + contract + "/intervention").then().statusCode(200);
        publishMetric(metric(school, "ELA_PROFICIENCY", year(0), 30, 150, false));
        awaitResults(contract, "MISSED");
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 12, null, false));
        awaitResults(contract, "MISSED", "MISSED");
        var changes = events("InterventionEscalated", about("contractId", contract));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).data().get("cause").get("kind").asText()).isEqualTo("MANUAL");
        scorecard(contract).body("intervention.level", equalTo("REVOCATION"));
    }

    @Test
    void aSuppressedValueIsRecordedAsInsufficientDataAndNotPublished() {
        String school = openSchool();
        var ela = benchmark("ELA_PROFICIENCY", "GTE", 45, year(0), List.of("PEOPLE"), "NOTICE_OF_CONCERN", false);
        String contract = activeContract(school, ela);
        publishMetric(metric(school, "ELA_PROFICIENCY", year(0), 20, 6, true));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                scorecard(contract).body("benchmarks[0].status", equalTo("INSUFFICIENT_DATA")));
        scorecard(contract).body("benchmarks[0].n", equalTo(6)).body("benchmarks[0].suppressed", equalTo(true))
                .body("summary.insufficientData", equalTo(1)).body("intervention.level", equalTo("NONE"));
        assertThat(events("BenchmarkEvaluated", about("contractId", contract))).isEmpty();
        List<String> kinds = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history")
                .then().extract().path("items.kind");
        assertThat(kinds).contains("BENCHMARK_INSUFFICIENT_DATA");
        // enough students later: evaluated and published
        publishMetric(metric(school, "ELA_PROFICIENCY", year(0), 52, 40, false));
        var evaluated = awaitEvent("BenchmarkEvaluated", about("contractId", contract));
        assertThat(evaluated.data().get("result").asText()).isEqualTo("MET");
        assertThat(evaluated.data().get("n").asInt()).isEqualTo(40);
    }

    @Test
    void aValueOlderThanTheOneKnownDoesNotReEvaluate() {
        String school = openSchool();
        String contract = activeContract(school);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 1, null, false));
        awaitResults(contract, "MET");
        Map<String, Object> stale = metric(school, "TEACHER_VACANCIES", year(0), 9, null, false);
        stale.put("recordedAt", Instant.now().minus(Duration.ofHours(2)).toString());
        publishMetric(stale);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(-1), 4, null, false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(scorecard(contract).extract().<List<String>>path("benchmarks[0].trend.period")).contains(year(-1)));
        scorecard(contract).body("benchmarks[0].status", equalTo("MET")).body("benchmarks[0].latestActual", equalTo(1));
        assertThat(events("BenchmarkEvaluated", about("contractId", contract))).hasSize(1);
    }

    @Test
    void aValueKnownBeforeActivationIsEvaluatedWhenTheContractActivates() {
        String school = openSchool();
        String draft = draft(standardDraft(school));
        String eventId = publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 6, null, false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                scorecard(draft).body("benchmarks[0].trend[0].value", equalTo(6)));
        assertThat(events("BenchmarkEvaluated", about("contractId", draft))).isEmpty();
        activate(draft).statusCode(200).body("interventionLevel", equalTo("NOTICE_OF_CONCERN"));
        var activated = awaitEvent("ContractActivated", about("contractId", draft));
        var evaluated = awaitEvent("BenchmarkEvaluated", about("contractId", draft));
        var escalated = awaitEvent("InterventionEscalated", about("contractId", draft));
        assertThat(evaluated.data().get("trigger").asText()).isEqualTo("ACTIVATION");
        assertThat(evaluated.data().get("sourceEventId").asText()).isEqualTo(eventId);
        assertThat(activated.offset()).isLessThan(evaluated.offset());
        assertThat(evaluated.offset()).isLessThan(escalated.offset());
    }

    @Test
    void anAmendedTargetIsReEvaluatedOnTheValueKnown() {
        String school = openSchool();
        String contract = activeContract(school);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 4, null, false));
        awaitResults(contract, "MISSED");
        String benchmarkId = scorecard(contract).extract().path("benchmarks[0].benchmarkId");
        Map<String, Object> relaxed = new HashMap<>(vacancies());
        relaxed.put("benchmarkId", benchmarkId);
        relaxed.put("target", 5);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("reason", "Target revised with the union agreement", "benchmarks", List.of(relaxed)))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(201);
        awaitResults(contract, "MISSED", "MET");
        var met = events("BenchmarkEvaluated", about("contractId", contract)).get(1);
        assertThat(met.data().get("trigger").asText()).isEqualTo("AMENDMENT");
        assertThat(met.data().get("contractVersion").asInt()).isEqualTo(2);
        assertThat(met.data().get("benchmarkId").asText()).isEqualTo(benchmarkId);
        scorecard(contract).body("benchmarks[0].status", equalTo("MET")).body("benchmarks[0].target", equalTo(5));
    }

    @Test
    void aMetricEventThatCannotBeAppliedGoesToTheDeadLetterTopic() {
        Map<String, Object> broken = metric(UUID.randomUUID().toString(), "TEACHER_VACANCIES", "2026-2027", 3, null, false);
        String id = EventsProbe.publish("performance.events", "/performance", METRIC_TYPE, (String) broken.get("schoolId"), broken);
        var dead = EventsProbe.await("performance.events.dlq", e -> id.equals(e.id()), Duration.ofSeconds(20));
        assertThat(dead.header("dlq-consumer")).isEqualTo("benchmark-evaluation");
        assertThat(dead.header("dlq-error")).contains("not a school year");
    }

    // ------------------------------------------------------------ helpers

    private static void awaitResults(String contract, String... results) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(events("BenchmarkEvaluated", about("contractId", contract)).stream()
                        .map(e -> e.data().get("result").asText()).toList()).containsExactly(results));
    }

    /**
     * Hostile read of the twenty-sixth pass, C2: an amendment that only moved what a missed benchmark guards (PEOPLE to
     * MONEY) published nothing, so autonomy never revoked MONEY though the benchmark stood missed. Its standing result
     * is published again with the new guard; the intervention ladder does not move for it (the same miss again).
     */
    @Test
    void anAmendmentThatMovesAMissedBenchmarksGuardPublishesItsResultAgainWithTheNewGuard() {
        String school = openSchool();
        String contract = activeContract(school, vacancies());
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));
        await().atMost(Duration.ofSeconds(20)).until(() -> events("BenchmarkEvaluated", about("contractId", contract)).size() == 1);
        String level = scorecard(contract).extract().path("intervention.level");
        String benchmarkId = given().auth().oauth2(admin()).get("/api/contracts/" + contract).then().statusCode(200)
                .extract().path("benchmarks[0].benchmarkId");
        Map<String, Object> moved = new HashMap<>(vacancies());
        moved.put("benchmarkId", benchmarkId);
        moved.put("guardsDomains", List.of("MONEY"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag(contract))
                .body(Map.of("reason", "The vacancies benchmark now guards the budget, not hiring", "benchmarks", List.of(moved)))
                .post("/api/contracts/" + contract + "/amendments").then().statusCode(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> events("BenchmarkEvaluated", about("contractId", contract)).size() == 2);
        var again = events("BenchmarkEvaluated", about("contractId", contract)).stream()
                .filter(e -> "AMENDMENT".equals(e.data().path("trigger").asText())).findFirst().orElseThrow();
        assertThat(again.data().get("result").asText()).isEqualTo("MISSED");
        assertThat(again.data().get("guardsDomains").toString()).isEqualTo("[\"MONEY\"]");
        scorecard(contract).body("intervention.level", equalTo(level));
    }

    private static void awaitLevel(String contract, String level) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                scorecard(contract).body("intervention.level", equalTo(level)));
    }
}
