package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.events.EventContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.performance.Fixtures.assessment;
import static org.portfolio.performance.Fixtures.attendance;
import static org.portfolio.performance.Fixtures.postJson;
import static org.portfolio.performance.Fixtures.value;

/**
 * The AsyncAPI document (module api-docs) is the contract of performance-service's events: a school's student results,
 * attendance and school-level values publish aggregated and school-level MetricResultRecorded events and a rating;
 * then every event this service published in the test run, read back from performance.events, must conform to its
 * message in the document, and every message the document lists on performance.events must have been published.
 */
@QuarkusTest
class PublishedEventsContractTest {

    @Test
    void everyEventPerformancePublishesConformsToTheAsyncApiDocument() {
        UUID school = Fixtures.school("CHARTER").id();
        String p = "STU" + UUID.randomUUID().toString().substring(0, 8).toUpperCase() + "-C";
        List<Object> rows = new ArrayList<>();
        List<Object> days = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(assessment(school, p + i, "ELA", 1 + i % 5, 30 + 3 * i));
            rows.add(assessment(school, p + i, "MATH", 1 + (i + 2) % 5, 25 + 4 * i));
            days.add(attendance(school, p + i, 100, i * 2));
        }
        postJson("assessments", TestTokens.districtAdmin(), rows).statusCode(201);
        postJson("attendance", TestTokens.districtAdmin(), days).statusCode(201);
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(value(school, "DAYS_CASH_ON_HAND", 45, null),
                value(school, "ENROLLMENT_VS_PROJECTION", 0.97, null), value(school, "TEACHER_VACANCIES", 2, null)))
                .statusCode(201);
        Fixtures.awaitEvent(school, Fixtures.RATING_PUBLISHED, e -> true);
        // a changed value: MetricResultRecorded with its previousValue
        postJson("school-metrics", TestTokens.districtAdmin(), List.of(value(school, "TEACHER_VACANCIES", 3, null)))
                .statusCode(201);
        Fixtures.awaitMetric(school, "TEACHER_VACANCIES", e -> e.data().has("previousValue"));
        // an integrity flag raised (participation 90 %) and resolved
        String flag = IntegrityFlagsTest.lowParticipation(school, "C");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("note", "Reviewed with the school")).post("/api/performance/integrity-flags/" + flag + "/resolve")
                .then().statusCode(200);
        Fixtures.awaitEvent(school, IntegrityFlagsTest.RESOLVED, e -> true);

        // a metric defined (MetricDefined; the defaults were announced at start)
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(Map.of("code", "SCIENCE_" + p.substring(3, 11), "name", "Science proficiency", "category", "ACADEMIC",
                        "direction", "HIGHER_IS_BETTER", "unit", "PERCENT", "computation", "ASSESSMENT_PROFICIENCY",
                        "subjects", List.of("SCIENCE")))
                .post("/api/performance/metrics").then().statusCode(201);
        org.portfolio.testing.EventsProbe.await(Fixtures.TOPIC, e -> MetricResourceTest.METRIC_DEFINED.equals(e.type())
                && ("SCIENCE_" + p.substring(3, 11)).equals(e.subject()), java.time.Duration.ofSeconds(30));

        Map<String, Integer> checked = EventContract.load().assertTopicConforms(Fixtures.TOPIC, "/performance");
        assertThat(checked).containsKeys(MetricResourceTest.METRIC_DEFINED, Fixtures.METRIC_RECORDED, Fixtures.RATING_PUBLISHED, IntegrityFlagsTest.RAISED,
                IntegrityFlagsTest.RESOLVED);
    }
}
