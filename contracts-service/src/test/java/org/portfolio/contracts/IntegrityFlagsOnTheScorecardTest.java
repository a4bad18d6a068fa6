package org.portfolio.contracts;

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
import static org.hamcrest.Matchers.hasSize;
import static org.portfolio.contracts.Fixtures.activeContract;
import static org.portfolio.contracts.Fixtures.admin;
import static org.portfolio.contracts.Fixtures.openSchool;
import static org.portfolio.contracts.Fixtures.oversightBody;
import static org.portfolio.contracts.Fixtures.scorecard;
import static org.portfolio.contracts.Fixtures.year;

/**
 * performance-service's integrity flags on the real broker and database: shown on the scorecard (open, then resolved
 * with the resolution code; a note of an older event is never copied), each once however often the event is delivered, and nothing else moves — no benchmark evaluation,
 * no intervention, no autonomy (issue 15.4: a flag never revokes anything by itself).
 */
@QuarkusTest
class IntegrityFlagsOnTheScorecardTest {

    static final String RAISED = "portfolio.performance.IntegrityFlagRaised.v1";
    static final String RESOLVED = "portfolio.performance.IntegrityFlagResolved.v1";

    static Map<String, Object> raised(String flagId, String school, String rule) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("students", 20);
        evidence.put("tested", 17);
        evidence.put("notTested", 3);
        evidence.put("excluded", 0);
        evidence.put("participationPercent", 85);
        evidence.put("excludedPercent", 0);
        evidence.put("thresholdPercent", 95);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("flagId", flagId);
        d.put("schoolId", school);
        d.put("schoolYear", year(0));
        d.put("rule", rule);
        d.put("scope", "MATH");
        d.put("reason", "participation 85% of 20 students expected to test, below 95%");
        d.put("evidence", evidence);
        d.put("raisedAt", Instant.now().toString());
        return d;
    }

    @Test
    void aFlagShowsOnTheScorecardOnceAndChangesNothingElseThenItsResolutionShows() {
        String school = openSchool(oversightBody());
        String contract = activeContract(school);
        String before = scorecard(contract).extract().asString();
        int historyBefore = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history").then()
                .statusCode(200).extract().path("total");

        String flag = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> data = raised(flag, school, "LOW_PARTICIPATION");
        EventsProbe.publish("performance.events", eventId, "/performance", RAISED, school, data);
        EventsProbe.publish("performance.events", eventId, "/performance", RAISED, school, data); // redelivered
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("integrityFlags", hasSize(1))
                .body("integrityFlags[0].flagId", equalTo(flag))
                .body("integrityFlags[0].status", equalTo("OPEN"))
                .body("integrityFlags[0].evidence.notTested", equalTo(3))
                .body("integrityFlags[0].explanation", containsString("changes no benchmark, no intervention and no autonomy")));

        // nothing else moved: the benchmarks, the intervention level and the autonomy are as they were, no event
        var after = scorecard(contract).extract();
        var was = io.restassured.path.json.JsonPath.from(before);
        assertThat(after.jsonPath().getList("benchmarks.status")).isEqualTo(was.getList("benchmarks.status"));
        assertThat(after.jsonPath().getString("intervention.level")).isEqualTo(was.getString("intervention.level"))
                .isEqualTo("NONE");
        assertThat(after.jsonPath().getList("autonomy")).isEqualTo(was.getList("autonomy"));
        assertThat((int) given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history").then()
                .statusCode(200).extract().path("total")).isEqualTo(historyBefore);
        assertThat(Fixtures.events("BenchmarkEvaluated", Fixtures.about("contractId", contract))).isEmpty();
        assertThat(Fixtures.events("InterventionEscalated", Fixtures.about("contractId", contract))).isEmpty();

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("flagId", flag);
        resolved.put("schoolId", school);
        resolved.put("schoolYear", year(0));
        resolved.put("rule", "LOW_PARTICIPATION");
        resolved.put("scope", "MATH");
        resolved.put("resolvedBy", "cl_board");
        // the shape before issue 15: a free-text note (here naming a student), no resolution code: never copied
        resolved.put("note", "Make-up sessions documented for Marisol Quintanilla-Okafor");
        resolved.put("resolvedAt", Instant.now().toString());
        EventsProbe.publish("performance.events", "/performance", RESOLVED, school, resolved);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> scorecard(contract)
                .body("integrityFlags", hasSize(1))
                .body("integrityFlags[0].status", equalTo("RESOLVED"))
                .body("integrityFlags[0].resolvedBy", equalTo("cl_board"))
                .body("integrityFlags[0].resolutionCode", equalTo("OTHER"))
                .body("integrityFlags[0].evidence.tested", equalTo(17))
                .body("integrityFlags[0].explanation", containsString("Resolved by cl_board")));
        assertThat(scorecard(contract).extract().jsonPath().getString("intervention.level")).isEqualTo("NONE");
        assertThat(scorecard(contract).extract().asString()).doesNotContain("Quintanilla").doesNotContain("Make-up");
    }

    @Test
    void aFlagWithAnUnknownRuleGoesToTheDeadLetterTopic() {
        String school = openSchool(oversightBody());
        String id = EventsProbe.publish("performance.events", "/performance", RAISED, school,
                raised(UUID.randomUUID().toString(), school, "GUESSWORK"));
        var dead = EventsProbe.await("performance.events.dlq", e -> id.equals(e.id()), Duration.ofSeconds(20));
        assertThat(dead.header("dlq-consumer")).isEqualTo("integrity-flags");
        assertThat(List.of(dead.header("dlq-error"))).anyMatch(m -> m.contains("rule"));
    }
}
