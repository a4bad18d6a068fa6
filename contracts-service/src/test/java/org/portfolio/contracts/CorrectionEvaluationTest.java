package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.portfolio.contracts.Fixtures.*;

/**
 * Issue 15.3, the contracts hop: a MetricResultRecorded that names a correction of student records re-evaluates the
 * benchmark with trigger CORRECTION; BenchmarkEvaluated carries the correction, and the history says it in words. A
 * withdrawn value (its last records retracted) evaluates nothing: INSUFFICIENT_DATA, no event.
 */
@QuarkusTest
class CorrectionEvaluationTest {

    @Test
    void aCorrectedValueReEvaluatesTheBenchmarkNamingTheCorrection() {
        String school = openSchool();
        String contract = activeContract(school);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));
        awaitEvent("BenchmarkEvaluated", e -> about("contractId", contract).test(e)
                && "MISSED".equals(e.data().get("result").asText()));

        String correctionId = UUID.randomUUID().toString();
        Map<String, Object> corrected = metric(school, "TEACHER_VACANCIES", year(0), 2, null, false);
        corrected.put("recordedAt", Instant.now().toString());
        corrected.put("correction", Map.of("correctionId", correctionId, "reason", "Two vacancies were filled in August"));
        publishMetric(corrected);

        var met = awaitEvent("BenchmarkEvaluated", e -> about("contractId", contract).test(e)
                && "MET".equals(e.data().get("result").asText()));
        assertThat(met.data().get("trigger").asText()).isEqualTo("CORRECTION");
        assertThat(met.data().get("correction").get("correctionId").asText()).isEqualTo(correctionId);
        assertThat(met.data().get("correction").get("reason").asText()).isEqualTo("Two vacancies were filled in August");

        List<Map<String, Object>> history = given().auth().oauth2(admin()).get("/api/contracts/" + contract + "/history")
                .then().statusCode(200).extract().path("items");
        var entry = history.stream().filter(h -> "BENCHMARK_EVALUATED".equals(h.get("kind"))
                && String.valueOf(h.get("summary")).contains("met")).findFirst().orElseThrow();
        assertThat((String) entry.get("summary")).contains("on corrected data", correctionId,
                "Two vacancies were filled in August");
        Map<?, ?> cause = (Map<?, ?>) entry.get("cause");
        assertThat(cause.get("trigger")).isEqualTo("CORRECTION");
        assertThat(cause.get("correctionId")).isEqualTo(correctionId);
    }

    @Test
    void aWithdrawnValueIsNotEvaluatedAndPublishesNothing() {
        String school = openSchool();
        String contract = activeContract(school);
        publishMetric(metric(school, "TEACHER_VACANCIES", year(0), 7, null, false));
        awaitEvent("BenchmarkEvaluated", about("contractId", contract));

        Map<String, Object> withdrawn = metric(school, "TEACHER_VACANCIES", year(0), null, null, false);
        withdrawn.remove("value");
        withdrawn.put("withdrawn", true);
        withdrawn.put("previousValue", 7);
        withdrawn.put("recordedAt", Instant.now().toString());
        withdrawn.put("correction", Map.of("correctionId", UUID.randomUUID().toString(), "reason", "Wrong school's file"));
        publishMetric(withdrawn);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> history = given().auth().oauth2(admin())
                    .get("/api/contracts/" + contract + "/history").then().statusCode(200).extract().path("items");
            assertThat(history).anySatisfy(h -> {
                assertThat(h.get("kind")).isEqualTo("BENCHMARK_INSUFFICIENT_DATA");
                assertThat((String) h.get("summary")).contains("withdrawn", "Wrong school's file");
            });
        });
        assertThat(events("BenchmarkEvaluated", about("contractId", contract))).hasSize(1);
    }
}
