package org.portfolio.performance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.OpenApiChecks;
import org.portfolio.testing.TestTokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** What every service offers: OpenAPI, Swagger UI, health, metrics, problem+json for malformed JSON. */
@QuarkusTest
class ServiceBasicsTest {

    @Test
    void servesOpenApiAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Portfolio performance-service"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void everyArraySchemaOfTheOpenApiDocumentDeclaresItsItems() {
        // spectral:oas array-items, checked here so a bad schema fails in this module, not only in system-tests
        Object document = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().as(Object.class);
        assertThat(OpenApiChecks.arraysWithoutItems(document)).isEmpty();
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

    @Test
    void malformedJsonToAnyPostIs400ProblemJson() {
        for (String path : new String[]{"/api/performance/metrics"}) {
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body("{\"name\":")
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:malformed-body"));
        }
    }
}
