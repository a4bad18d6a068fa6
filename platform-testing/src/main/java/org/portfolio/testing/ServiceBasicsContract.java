package org.portfolio.testing;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What every service offers: its OpenAPI document and Swagger UI, readiness and liveness, Prometheus metrics, and
 * problem+json for a malformed JSON body. A service's {@code ServiceBasicsTest} extends this (annotated
 * {@code @QuarkusTest}), says what differs, and adds its own checks.
 */
public abstract class ServiceBasicsContract {

    /** {@code info.title} of the service's OpenAPI document, e.g. "Portfolio contracts-service". */
    protected abstract String openApiTitle();

    /** The readiness checks the service reports: the database and, for services with events, the broker. */
    protected List<String> readinessChecks() {
        return List.of("Database connections health check", "Kafka connection health check");
    }

    /** A metric name every scrape must contain (the backbone's outbox gauges, for services with events). */
    protected String expectedMetric() {
        return "portfolio_outbox";
    }

    /** POST endpoints that take a JSON body, tried with a malformed one as DISTRICT_ADMIN. */
    protected List<String> jsonPostPaths() {
        return List.of();
    }

    /**
     * Operations ("POST /oauth/token") whose error answers follow another standard than problem+json (the OAuth2
     * token endpoint: RFC 6749 §5.2). Their errors must still be declared with a body.
     */
    protected List<String> operationsWithTheirOwnErrorFormat() {
        return List.of();
    }

    @Test
    void servesOpenApiAndSwaggerUi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo(openApiTitle()));
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
    void noSchemaOfTheOpenApiDocumentHasATypeNextToItsReference() {
        // a $ref with a type sibling: generated clients warn "Type(s) cleared" (platform-web's RefSiblings removes them)
        Object document = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().as(Object.class);
        assertThat(OpenApiChecks.refsWithTypeSiblings(document)).isEmpty();
    }

    /**
     * What a generated client and spectral's {@code spectral:oas} need of every operation: a summary and a description
     * (rule {@code operation-description}), a success answer, and every 4xx/5xx answer as problem+json.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsDescribedAndAnswersErrorsAsProblems() {
        java.util.Map<String, java.util.Map<String, Object>> paths = given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        List<String> missing = new java.util.ArrayList<>();
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!(op.getValue() instanceof java.util.Map<?, ?> operation) || !operation.containsKey("responses")) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (!(operation.get("security") instanceof List<?>)) {
                    // Redocly's security-defined (fourteenth pass): a public operation says so with []
                    missing.add(where + ": no security (a public operation declares [])");
                }
                for (String field : List.of("summary", "description")) {
                    Object v = operation.get(field);
                    if (v == null || v.toString().isBlank()) {
                        missing.add(where + ": no " + field);
                    }
                }
                var responses = (java.util.Map<String, java.util.Map<String, Object>>) operation.get("responses");
                if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                    missing.add(where + ": no 2xx answer");
                }
                boolean ownFormat = operationsWithTheirOwnErrorFormat().contains(where);
                for (var r : responses.entrySet()) {
                    if ((r.getKey().startsWith("4") || r.getKey().startsWith("5")) && !(ownFormat ? r.getValue().get("content") != null
                            : String.valueOf(r.getValue().get("content")).contains("application/problem+json"))) {
                        missing.add(where + " " + r.getKey() + (ownFormat ? ": no body" : ": not problem+json"));
                    }
                }
            }
        }
        assertThat(missing).as("operations a generated client or spectral would stumble on").isEmpty();
    }

    /**
     * An integrator's first request is the document's example: every JSON request body shows one, and the document's
     * own schema accepts it (what Spectral's {@code oas3-valid-media-example} and Redocly's
     * {@code no-invalid-media-type-examples} check on the merged document). That the service takes it too, with its
     * ids made real, each service's API tests show by sending every example (docs/api-conventions.md#examples).
     */
    @Test
    void everyJsonRequestBodyShowsAnExampleItsSchemaAccepts() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(org.portfolio.testing.contract.OpenApiContract.parse(document).requestExampleProblems())
                .as("request bodies without an example, or with one their schema refuses").isEmpty();
    }

    @Test
    void readinessReportsItsChecksAndLivenessAnswers() {
        var ready = given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        for (String check : readinessChecks()) {
            ready.body(containsString(check));
        }
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    protected void exposesPrometheusMetrics() {
        given().get("/q/metrics").then().statusCode(200).body(containsString(expectedMetric()));
    }

    @Test
    void malformedJsonToAnyPostIs400ProblemJson() {
        assumeFalse(jsonPostPaths().isEmpty(), "this service names no JSON POST endpoint to try");
        for (String path : jsonPostPaths()) {
            given().auth().oauth2(TestTokens.districtAdmin()).contentType(ContentType.JSON).body("{\"name\":")
                    .post(path).then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:portfolio:problem:malformed-body"));
        }
    }
}
