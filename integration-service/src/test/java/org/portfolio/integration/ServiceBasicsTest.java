package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks every service passes (ServiceBasicsContract). */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio integration-service";
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/webhooks");
    }

    /**
     * Generators name each event type by the extension, in the enum's order (fifteenth pass, K8: a Kotlin client named
     * them {@code portfolioPeriodContractsPeriodSchoolRegisteredPeriodV1}).
     */
    @org.junit.jupiter.api.Test
    @SuppressWarnings("unchecked")
    void eachEventTypeHasANameAGeneratorCanWrite() {
        var type = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("components.schemas.EventType");
        assertThat((List<Object>) type.get("x-enum-varnames")).hasSameSizeAs((List<Object>) type.get("enum"))
                .startsWith("SCHOOL_REGISTERED", "SCHOOL_UPDATED").contains("WEBHOOK_DISABLED");
        assertThat((List<Object>) type.get("enum")).startsWith("portfolio.contracts.SchoolRegistered.v1", "portfolio.contracts.SchoolUpdated.v1");
    }
}
