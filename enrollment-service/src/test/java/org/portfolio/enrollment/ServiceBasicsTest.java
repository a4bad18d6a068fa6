package org.portfolio.enrollment;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What every service offers: OpenAPI, Swagger UI, health, metrics, problem+json for malformed JSON. */
@QuarkusTest
class ServiceBasicsTest {

    @Test
    void servesOpenApiAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Portfolio enrollment-service"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void readinessChecksDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"))
                .body(containsString("Database connections health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("portfolio_outbox"));
    }

}
