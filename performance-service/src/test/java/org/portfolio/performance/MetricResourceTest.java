package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import jakarta.inject.Inject;
import org.portfolio.performance.service.MetricAnnouncements;
import org.portfolio.testing.EventsProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class MetricResourceTest {

    static final String METRIC_DEFINED = "portfolio.performance.MetricDefined.v1";

    @Inject
    MetricAnnouncements announcements;

    @Test
    void theDefaultMetricsArePublic() {
        given().get("/api/performance/metrics").then().statusCode(200)
                .body("code", hasItems("ELA_PROFICIENCY", "MATH_PROFICIENCY", "MEDIAN_GROWTH_PERCENTILE", "GRADUATION_RATE",
                        "CHRONIC_ABSENTEEISM", "TEACHER_VACANCIES", "DAYS_CASH_ON_HAND", "ENROLLMENT_VS_PROJECTION",
                        "FAMILY_DEMAND"));
        given().get("/api/performance/metrics/CHRONIC_ABSENTEEISM").then().statusCode(200)
                .body("direction", equalTo("LOWER_IS_BETTER"));
    }

    @Test
    void aDistrictAdminDefinesAMetricAndOthersCannot() {
        Map<String, Object> m = Map.of("code", "SCIENCE_PROFICIENCY", "name", "Science proficiency", "category", "ACADEMIC",
                "direction", "HIGHER_IS_BETTER", "unit", "PERCENT");
        given().auth().oauth2(TestTokens.sis(UUID.randomUUID())).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(403);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(201);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(409);
    }

    /**
     * One metric defined five times at once: one 201, and every other told {@code duplicate-metric}, as a repeat is
     * (twentieth pass, the outside check run again: 4 of 10 were the generic {@code conflict} of the primary key).
     */
    @Test
    void oneMetricDefinedFiveTimesAtOnceIsOne201AndFourDuplicates() throws Exception {
        for (int round = 0; round < 3; round++) {
            Map<String, Object> m = Map.of("code", "RACE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
                    "name", "Raced", "category", "ACADEMIC", "direction", "HIGHER_IS_BETTER", "unit", "PERCENT");
            List<io.restassured.response.Response> answers = org.portfolio.testing.AtOnce.send(io.quarkus.arc.Arc.container().instance(io.agroal.api.AgroalDataSource.class).get(), "metric_definition", 5, () -> given().auth()
                    .oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m).post("/api/performance/metrics"));
            org.portfolio.testing.AtOnce.assertOneCreatedAndTheRest(answers, "urn:portfolio:problem:duplicate-metric", round);
        }
    }

    /** Hostile review of the fourteenth pass: ten 20-character subjects (209 characters joined) overflowed varchar(200). */
    @Test
    void aMetricTakesAsManySubjectsAsItsDocumentSays() {
        String code = "WIDE_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<String> subjects = java.util.stream.IntStream.range(0, 10).mapToObj(i -> "SUBJECT_" + "X".repeat(10) + "_" + i).toList();
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "Every subject", "category", "ACADEMIC", "direction", "HIGHER_IS_BETTER",
                        "unit", "PERCENT", "computation", "ASSESSMENT_PROFICIENCY", "subjects", subjects))
                .post("/api/performance/metrics").then().statusCode(201).body("subjects", equalTo(subjects));
    }

    /** Eighth pass N11: a computation's better direction was never checked (absenteeism could be defined higher-is-better). */
    @Test
    void aComputedMetricsDirectionIsTheComputations() {
        String code = "ABSENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> m = new java.util.HashMap<>(Map.of("code", code, "name", "Absent students", "category", "ACADEMIC",
                "direction", "HIGHER_IS_BETTER", "unit", "PERCENT", "computation", "CHRONIC_ABSENTEEISM"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(422)
                .body("errors[0].field", equalTo("direction"))
                .body("errors[0].message", equalTo("CHRONIC_ABSENTEEISM values are LOWER_IS_BETTER"));
        m.put("direction", "LOWER_IS_BETTER");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(201);
        // a school-level value's direction is the district's to say
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", code + "_S", "name", "Suspensions", "category", "ORGANIZATIONAL", "direction", "LOWER_IS_BETTER",
                        "unit", "COUNT")).post("/api/performance/metrics").then().statusCode(201);
    }

    /**
     * Ninth pass, N11: contracts-service learns a metric's direction from MetricDefined — published when the metric is
     * defined (once: a refused definition publishes nothing), and for the metrics defined before the event existed
     * (the defaults of V1 among them) once when the service starts.
     */
    @Test
    void aDefinedMetricIsAnnouncedWithItsDirectionAndSoAreTheDefaults() {
        String code = "ABSENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Map<String, Object> m = new java.util.HashMap<>(Map.of("code", code, "name", "Absent students",
                "category", "ORGANIZATIONAL", "direction", "HIGHER_IS_BETTER", "unit", "PERCENT",
                "computation", "CHRONIC_ABSENTEEISM"));
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(422);
        m.put("direction", "LOWER_IS_BETTER");
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body(m)
                .post("/api/performance/metrics").then().statusCode(201);
        var e = EventsProbe.await(Fixtures.TOPIC, x -> METRIC_DEFINED.equals(x.type()) && code.equals(x.subject()),
                Duration.ofSeconds(30));
        assertThat(e.source().toString()).isEqualTo("/performance");
        assertThat(e.data().get("metricCode").asText()).isEqualTo(code);
        assertThat(e.data().get("direction").asText()).isEqualTo("LOWER_IS_BETTER");
        assertThat(e.data().get("computation").asText()).isEqualTo("CHRONIC_ABSENTEEISM");
        assertThat(e.data().has("description")).isFalse();
        // one event for the metric: the refused definition published nothing, a second start announces nothing again
        announcements.run();
        assertThat(EventsProbe.ofType(Fixtures.TOPIC, METRIC_DEFINED).stream().filter(x -> code.equals(x.subject())))
                .hasSize(1);

        // the defaults, defined by migration V1 before the event existed, were announced once at start
        for (String d : List.of("CHRONIC_ABSENTEEISM", "TEACHER_VACANCIES", "ELA_PROFICIENCY")) {
            EventsProbe.await(Fixtures.TOPIC, x -> METRIC_DEFINED.equals(x.type()) && d.equals(x.subject()),
                    Duration.ofSeconds(30));
        }
        var absenteeism = EventsProbe.ofType(Fixtures.TOPIC, METRIC_DEFINED).stream()
                .filter(x -> "CHRONIC_ABSENTEEISM".equals(x.subject())).toList();
        assertThat(absenteeism).hasSize(1);
        assertThat(absenteeism.get(0).data().get("direction").asText()).isEqualTo("LOWER_IS_BETTER");
    }

    @Test
    void anUnknownMetricIs404AndAnUnknownCategoryIs400() {
        given().get("/api/performance/metrics/NOPE").then().statusCode(404);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", "X_Y", "name", "x", "category", "SPORTS", "direction", "HIGHER_IS_BETTER", "unit", "COUNT"))
                .post("/api/performance/metrics").then().statusCode(400).body("errors[0].field", equalTo("category"));
    }
}
