package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.ServiceBasicsContract;

import java.util.List;

import static io.restassured.RestAssured.given;

/** The checks every service passes (ServiceBasicsContract), with what is gateway's own. */
@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

    @Override
    protected String openApiTitle() {
        return "Portfolio gateway";
    }

    @Override
    protected List<String> readinessChecks() {
        // the gateway owns no events and has no broker
        return List.of("Database connections health check");
    }

    @Override
    protected String expectedMetric() {
        return "http_server_requests";
    }

    /** Request metrics exist once a request was answered (not /q/* ones), and this class may run first after a restart. */
    @Override
    @Test
    protected void exposesPrometheusMetrics() {
        given().get("/oauth/jwks").then().statusCode(200);
        super.exposesPrometheusMetrics();
    }

    @Override
    protected List<String> operationsWithTheirOwnErrorFormat() {
        // RFC 6749 §5.2: the token endpoint's 400 and 401 are {"error": ...} as application/json, what OAuth2 libraries expect
        return List.of("POST /oauth/token", "POST /edfi/oauth/token");
    }

    @Override
    protected List<String> jsonPostPaths() {
        return List.of("/api/admin/clients");
    }
}
