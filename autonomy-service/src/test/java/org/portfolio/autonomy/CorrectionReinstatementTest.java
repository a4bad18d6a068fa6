package org.portfolio.autonomy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.portfolio.autonomy.Fixtures.*;

/**
 * Issue 15.3, the autonomy hop: a benchmark that a correction of student records turns from MISSED to MET reinstates
 * the grant it had revoked; the grant's cause, its history, AutonomyReinstated and the decision-rights answer name the
 * correction and its reason code (never free text: issue 15).
 */
@QuarkusTest
class CorrectionReinstatementTest {

    @Test
    void aCorrectionThatTurnsAMissIntoAMetReinstatesAndEveryHistoryNamesIt() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        UUID correction = UUID.randomUUID();
        Map<String, Object> met = evaluation(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        met.put("trigger", "CORRECTION");
        met.put("correction", Map.of("correctionId", correction, "reasonCode", "DATA_ENTRY_ERROR",
                "reason", "DATA_ENTRY_ERROR"));
        String eventId = EventsProbe.publish(CONTRACTS, "/contracts", BENCHMARK_EVALUATED, school.toString(), met);

        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        UUID grantId = UUID.fromString((String) grantOn(grants, "PEOPLE").get("id"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", grantId).then()
                .statusCode(200)
                .body("cause.kind", equalTo("BENCHMARK_MET"))
                .body("cause.eventId", equalTo(eventId))
                .body("cause.correctionId", equalTo(correction.toString()))
                .body("cause.correctionReasonCode", equalTo("DATA_ENTRY_ERROR"))
                .body("cause.correctionReason", equalTo("DATA_ENTRY_ERROR"));
        List<Map<String, Object>> history = history(grantId);
        assertThat(history).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED", "REINSTATED");
        Map<?, ?> cause = (Map<?, ?>) history.get(2).get("cause");
        assertThat(cause.get("correctionId")).isEqualTo(correction.toString());
        assertThat((String) cause.get("description")).contains("met", "on corrected data",
                "(correction " + correction + ": DATA_ENTRY_ERROR)");

        EventsProbe.Received reinstated = awaitPublished(REINSTATED,
                r -> r.data().path("grantId").asText().equals(grantId.toString()));
        JsonNode d = reinstated.data();
        assertThat(d.path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MET");
        assertThat(d.path("cause").path("description").asText()).contains("on corrected data", correction.toString());
        assertThat(d.path("cause").path("correction").path("correctionId").asText()).isEqualTo(correction.toString());
        assertThat(d.path("cause").path("correction").path("reasonCode").asText()).isEqualTo("DATA_ENTRY_ERROR");
        assertThat(d.path("cause").path("correction").path("reason").asText()).as("deprecated: the code again")
                .isEqualTo("DATA_ENTRY_ERROR");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL"));
        JsonPath answer = check(school, "HIRE_TEACHERS");
        assertThat(answer.getString("basis.explanation")).contains("corrected data", correction + ": DATA_ENTRY_ERROR");
        assertThat(answer.getString("basis.cause.correctionId")).isEqualTo(correction.toString());
    }

    /**
     * Issue 15: a BenchmarkEvaluated published before reason codes carries the correction's free-text reason, which may
     * name a student: never copied (OTHER) into the grant, its history, AutonomyReinstated or the decision-rights answer.
     */
    @Test
    void aFreeTextReasonOfAnOlderEventIsNeverCopiedIntoTheGrantItsHistoryOrTheDecisionRightsAnswer() {
        UUID school = UUID.randomUUID();
        UUID contract = UUID.randomUUID();
        UUID benchmark = UUID.randomUUID();
        activate(contract, school, List.of(full("PEOPLE", "HIRE_TEACHERS")));
        awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        evaluate(school, contract, benchmark, "MISSED", 3, 7, true, "PEOPLE");
        awaitGrants(school, g -> has(g, "PEOPLE", "REVOKED"));

        UUID correction = UUID.randomUUID();
        Map<String, Object> met = evaluation(school, contract, benchmark, "MET", 3, 2, true, "PEOPLE");
        met.put("trigger", "CORRECTION");
        // the shape before issue 15: a free-text reason (here naming a student) and no reason code
        met.put("correction", Map.of("correctionId", correction, "reason", "Marisol Quintanilla-Okafor's file was keyed twice"));
        String eventId = EventsProbe.publish(CONTRACTS, "/contracts", BENCHMARK_EVALUATED, school.toString(), met);

        List<Map<String, Object>> grants = awaitGrants(school, g -> has(g, "PEOPLE", "ACTIVE"));
        UUID grantId = UUID.fromString((String) grantOn(grants, "PEOPLE").get("id"));
        given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", grantId).then()
                .statusCode(200)
                .body("cause.kind", equalTo("BENCHMARK_MET"))
                .body("cause.eventId", equalTo(eventId))
                .body("cause.correctionId", equalTo(correction.toString()))
                .body("cause.correctionReasonCode", equalTo("OTHER"))
                .body("cause.correctionReason", equalTo("OTHER"));
        List<Map<String, Object>> history = history(grantId);
        assertThat(history).extracting(h -> h.get("action")).containsExactly("GRANTED", "REVOKED", "REINSTATED");
        Map<?, ?> cause = (Map<?, ?>) history.get(2).get("cause");
        assertThat(cause.get("correctionId")).isEqualTo(correction.toString());
        assertThat((String) cause.get("description")).contains("met", "on corrected data",
                "(correction " + correction + ": OTHER)");

        EventsProbe.Received reinstated = awaitPublished(REINSTATED,
                r -> r.data().path("grantId").asText().equals(grantId.toString()));
        JsonNode d = reinstated.data();
        assertThat(d.path("cause").path("kind").asText()).isEqualTo("BENCHMARK_MET");
        assertThat(d.path("cause").path("description").asText()).contains("on corrected data", correction.toString());
        assertThat(d.path("cause").path("correction").path("correctionId").asText()).isEqualTo(correction.toString());
        assertThat(d.path("cause").path("correction").path("reasonCode").asText()).isEqualTo("OTHER");
        assertThat(d.path("cause").path("correction").path("reason").asText()).as("deprecated: the code again")
                .isEqualTo("OTHER");

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(check(school, "HIRE_TEACHERS").getString("decidedBy")).isEqualTo("SCHOOL"));
        JsonPath answer = check(school, "HIRE_TEACHERS");
        assertThat(answer.getString("basis.explanation")).contains("corrected data", correction + ": OTHER");
        assertThat(answer.getString("basis.cause.correctionId")).isEqualTo(correction.toString());
            for (String published : List.of(reinstated.data().toString(), answer.prettify(),
                given().auth().oauth2(TestTokens.districtAdmin()).get("/api/autonomy/grants/{id}", grantId).then()
                        .statusCode(200).extract().asString(), String.valueOf(history(grantId)))) {
            assertThat(published).doesNotContain("Quintanilla");
        }
    }
}
