package org.portfolio.contracts;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks every service passes (ServiceBasicsContract), with what is contracts-service's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio contracts-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/oversight-bodies", "/api/schools", "/api/contracts");
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
}
