package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.OpenApiChecks;
import org.portfolio.testing.TestTokens;

import java.util.Map;

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
                .body("info.title", equalTo("Portfolio contracts-service"));
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
    @SuppressWarnings("unchecked")
    void everyOperationHasASummaryAndDocumentsItsErrorsAsProblems() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi").then()
                .statusCode(200).extract().path("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!(op.getValue() instanceof Map<?, ?> operation) || !operation.containsKey("responses")) {
                    continue;
                }
                operations++;
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                assertThat(operation.get("summary")).as(where + " summary").isNotNull();
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                assertThat(responses.keySet()).as(where).anyMatch(code -> code.startsWith("2"));
                for (var r : responses.entrySet()) {
                    if (r.getKey().startsWith("4")) {
                        assertThat(String.valueOf(r.getValue().get("content"))).as(where + " " + r.getKey())
                                .contains("application/problem+json").contains("Problem");
                    }
                }
                if (!operation.containsKey("security") || !String.valueOf(operation.get("security")).equals("[]")) {
                    if (path.getKey().startsWith("/api/contracts")) {
                        assertThat(responses.keySet()).as(where).contains("401", "403");
                    }
                }
            }
        }
        assertThat(paths.keySet()).contains("/api/contracts", "/api/contracts/{id}/activation",
                "/api/contracts/{id}/scorecard", "/api/schools/{id}/decisions", "/api/schools/{id}/standing");
        assertThat(operations).isGreaterThan(25);
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
        for (String path : new String[]{"/api/oversight-bodies", "/api/schools", "/api/contracts"}) {
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body("{\"name\":")
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:malformed-body"));
        }
    }
}
