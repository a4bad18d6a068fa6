package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class MetricResourceTest {

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

    @Test
    void anUnknownMetricIs404AndAnUnknownCategoryIs400() {
        given().get("/api/performance/metrics/NOPE").then().statusCode(404);
        given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON)
                .body(Map.of("code", "X_Y", "name", "x", "category", "SPORTS", "direction", "HIGHER_IS_BETTER", "unit", "COUNT"))
                .post("/api/performance/metrics").then().statusCode(400).body("errors[0].field", equalTo("category"));
    }
}
