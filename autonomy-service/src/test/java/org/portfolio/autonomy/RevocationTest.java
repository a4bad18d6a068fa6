package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.autonomy.Fixtures.*;

/** Full autonomy with expectations: the flagship chain's last hop, on the real broker and database. */
@QuarkusTest
class RevocationTest {

    @Test
    void aMissedBenchmarkRevokesTheGuardedDomainAndTheCheckFlipsToDistrictWithTheCause() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        registerSchool(school, "Eastside High School");
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS", "SET_STAFFING_MODEL"), full("TIME")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE") && has(g, "TIME", "ACTIVE"));
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");

        String missed = evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("DISTRICT"));
        JsonPath answer = check(school, "HIRE_TEACHERS");
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getString("basis.reason")).isEqualTo("REVOKED");
        assertThat(answer.getString("basis.grantStatus")).isEqualTo("REVOKED");
        assertThat(answer.getString("basis.cause.kind")).isEqualTo("BENCHMARK_MISSED");
        assertThat(answer.getString("basis.cause.benchmarkId")).isEqualTo(benchmark.toString());
        assertThat(answer.getString("basis.cause.eventId")).isEqualTo(missed);
        assertThat(answer.getString("basis.cause.metricCode")).isEqualTo("TEACHER_VACANCIES");
        assertThat(answer.getInt("basis.cause.target")).isEqualTo(3);
        assertThat(answer.getInt("basis.cause.actual")).isEqualTo(7);
        assertThat(answer.getString("basis.explanation"))
                .contains("revoked on").contains("TEACHER_VACANCIES").contains("target ≤ 3, actual 7");
        // the domain it does not guard stays the school's
        assertThat(check(school, "SET_BELL_SCHEDULE").getString("decidedBy")).isEqualTo("SCHOOL");

        // the grant and its history say why
        Map<String, Object> people = grantOn(grants(school).getList("items"), "PEOPLE");
        UUID grantId = UUID.fromString((String) people.get("id"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", grantId).then()
                .statusCode(200).body("status", equalTo("REVOKED")).body("cause.kind", equalTo("BENCHMARK_MISSED"))
                .body("openMisses[0].benchmarkId", equalTo(benchmark.toString()))
                .body("reinstatesWhenMet", equalTo(true));
        List<Map<String, Object>> history = history(grantId);
        assertThat(history).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED");

        // AutonomyRevoked went out with the documented cause
        EventsProbe.Received revoked = awaitPublished(REVOKED, r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(revoked.source()).isEqualTo("/autonomy");
        assertThat(revoked.subject()).isEqualTo(school.toString());
        assertThat(revoked.key()).isEqualTo(school.toString());
        JsonNode d = revoked.data();
        assertThat(d.path("schoolId").asText()).isEqualTo(school.toString());
        assertThat(d.path("domain").asText()).isEqualTo("PEOPLE");
        assertThat(d.path("model").asText()).isEqualTo("FULL_WITH_EXPECTATIONS");
        assertThat(d.path("revokedAt").asText()).isNotBlank();
        assertThat(d.path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MISSED");
        assertThat(d.path("cause").path("eventId").asText()).isEqualTo(missed);
        assertThat(d.path("cause").path("benchmarkId").asText()).isEqualTo(benchmark.toString());
        assertThat(d.path("cause").path("metricCode").asText()).isEqualTo("TEACHER_VACANCIES");
        assertThat(d.path("cause").path("period").asText()).isEqualTo(currentYear());
        assertThat(d.path("cause").path("target").asInt()).isEqualTo(3);
        assertThat(d.path("cause").path("actual").asInt()).isEqualTo(7);
        assertThat(published(REVOKED, school)).hasSize(1);
    }

    @Test
    void aLaterMetEvaluationOfTheSameBenchmarkReinstatesWhenTheContractSaysSo() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        // another benchmark's MET changes nothing
        evaluate(school, contract, UUID.randomUUID(), "MET", 90, 95, true, "PEOPLE");
        String met = evaluate(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");

        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        UUID grantId = UUID.fromString((String) grantOn(grants, "PEOPLE").get("id"));
        assertThat(history(grantId)).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED", "REINSTATED");
        JsonPath answer = check(school, "DISMISS_STAFF");
        assertThat(answer.getString("decidedBy")).isEqualTo("SCHOOL");
        assertThat(answer.getString("basis.cause.kind")).isEqualTo("BENCHMARK_MET");
        assertThat(answer.getString("basis.cause.eventId")).isEqualTo(met);

        EventsProbe.Received reinstated = awaitPublished(REINSTATED,
                r -> r.data().path("grantId").asText().equals(grantId.toString()));
        assertThat(reinstated.data().path("domain").asText()).isEqualTo("PEOPLE");
        assertThat(reinstated.data().path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MET");
        assertThat(reinstated.data().path("cause").path("eventId").asText()).isEqualTo(met);
        assertThat(reinstated.data().path("cause").path("benchmarkId").asText()).isEqualTo(benchmark.toString());
    }

    @Test
    void withoutReinstateOnMetAMetBenchmarkLeavesTheGrantRevokedForOversightToReinstate() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, false, "PEOPLE");
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        UUID grantId = UUID.fromString((String) grantOn(grants, "PEOPLE").get("id"));

        evaluate(school, contract, benchmark, "MET", 3, 1, false, "PEOPLE");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(history(grantId)).extracting(h -> h.get("action")).contains("MISS_CLEARED"));
        assertThat(grantOn(grants(school).getList("items"), "PEOPLE").get("status")).isEqualTo("REVOKED");

        given().auth().oauth2(TestTokens.oversight()).contentType(JSON).body(Map.of("reason", "Vacancies filled"))
                .post("/api/autonomy/grants/{id}/reinstate", grantId).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("cause.kind", equalTo("MANUAL"))
                .body("cause.reason", equalTo("Vacancies filled"));
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");
    }

    @Test
    void aGrantHeldByTwoMissedBenchmarksComesBackOnlyWhenBothAreMet() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID vacancies = UUID.randomUUID();
        UUID turnover = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, vacancies, "MISSED", 3, 7, true, "PEOPLE");
        evaluate(school, contract, turnover, "MISSED", 15, 30, true, "PEOPLE");
        evaluate(school, contract, vacancies, "MET", 3, 2, true, "PEOPLE");
        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));
        UUID grantId = UUID.fromString((String) grantOn(grants, "PEOPLE").get("id"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(history(grantId)).extracting(h -> h.get("action"))
                .containsExactly("GRANTED", "REVOKED", "ALSO_MISSED", "MISS_CLEARED"));
        assertThat(grantOn(grants(school).getList("items"), "PEOPLE").get("status")).isEqualTo("REVOKED");

        evaluate(school, contract, turnover, "MET", 15, 10, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
    }

    @Test
    void aRedeliveredMissRevokesOncePublishesOnceAndRecordsOnce() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        Map<String, Object> miss = evaluation(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        String id = UUID.randomUUID().toString();
        EventsProbe.publish(CONTRACTS, id, "/contracts", BENCHMARK_EVALUATED, school.toString(), miss);
        EventsProbe.publish(CONTRACTS, id, "/contracts", BENCHMARK_EVALUATED, school.toString(), miss);
        // a marker after the duplicate on the same key: once it is applied, the duplicate has been seen
        UUID marker = UUID.randomUUID();
        evaluate(school, contract, marker, "MET", 1, 1, true, "MONEY");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/autonomy/schools/{s}/benchmark-evaluations", school).then().statusCode(200)
                .body("total", equalTo(2)));

        UUID grantId = UUID.fromString((String) grantOn(grants(school).getList("items"), "PEOPLE").get("id"));
        assertThat(history(grantId)).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> published(REVOKED, school).size() == 1);
    }

    @Test
    void anEvaluationForASchoolWithoutGrantsIsRecordedAndRevokesNothing() {
        UUID school = UUID.randomUUID();
        // asked about before the service has heard of the school: 404, and nothing stale is kept
        given().get("/api/autonomy/schools/{s}/decision-rights/HIRE_TEACHERS", school).then().statusCode(404);
        String event = evaluate(school, UUID.randomUUID(), UUID.randomUUID(), "MISSED", 3, 9, true, "PEOPLE", "MONEY");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/benchmark-evaluations", school).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].eventId", equalTo(event))
                .body("items[0].result", equalTo("MISSED")).body("items[0].grantsRevoked", equalTo(0))
                .body("items[0].guardsDomains", org.hamcrest.Matchers.contains("MONEY", "PEOPLE")));
        assertThat(grants(school).getList("items")).isEmpty();
        assertThat(check(school, "HIRE_TEACHERS").getString("basis.reason")).isEqualTo("NO_GRANT");
        // the consumer moved on: a later event of that school is applied
        activate(UUID.randomUUID(), school, List.of(full("PEOPLE")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
    }

    /** Hostile review of the fourteenth pass: a target with six decimals (as contracts-service takes it) was kept at four. */
    @Test
    void anEvaluationsTargetIsKeptWithTheDecimalsTheContractGaveIt() {
        UUID school = UUID.randomUUID();
        evaluate(school, UUID.randomUUID(), UUID.randomUUID(), "MISSED", new java.math.BigDecimal("0.123456"),
                new java.math.BigDecimal("999999999999.5"), true, "PEOPLE");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.oversight())
                .get("/api/autonomy/schools/{s}/benchmark-evaluations", school).then().statusCode(200)
                .body("total", equalTo(1)));
        assertThat(given().auth().oauth2(TestTokens.oversight()).get("/api/autonomy/schools/{s}/benchmark-evaluations", school)
                .then().statusCode(200).extract().body().asString()).contains("\"target\":0.123456");
    }

    /**
     * Issue 13, finding 6, replayed on this service: a copy of a real evaluation with a new id, the source
     * {@code /outsider} and result MISSED, published to contracts.events, once revoked PEOPLE. It goes to the dead
     * letters; the grant stays ACTIVE and the check still answers SCHOOL.
     */
    @Test
    void aForgedMissFromAnotherSourceRevokesNothingAndIsDeadLettered() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        registerSchool(school, "Forgery Test School");
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        String forgedId = UUID.randomUUID().toString();
        EventsProbe.publish(CONTRACTS, forgedId, "/outsider", BENCHMARK_EVALUATED, school.toString(),
                evaluation(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE"));
        EventsProbe.await(CONTRACTS + ".dlq", r -> forgedId.equals(r.id()), WAIT);
        // a genuine event after it on the same key: once applied, the forged one has been passed over
        UUID marker = UUID.randomUUID();
        evaluate(school, contract, marker, "MET", 1, 1, true, "MONEY");
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(TestTokens.districtAdmin())
                .get("/api/autonomy/schools/{s}/benchmark-evaluations", school).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].benchmarkId", equalTo(marker.toString())));
        assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL");
        UUID grantId = UUID.fromString((String) grantOn(grants(school).getList("items"), "PEOPLE").get("id"));
        assertThat(history(grantId)).extracting(h -> h.get("action")).containsExactly("GRANTED");
    }
}
