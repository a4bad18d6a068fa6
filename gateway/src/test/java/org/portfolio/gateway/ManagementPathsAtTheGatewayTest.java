package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.contract.NotContractChecked;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The gateway's metrics were anyone's on the public port (second pass of 2026-12-05): only the machine itself (the
 * default management network, loopback) reads them now, and a request a proxy passed on is an outside caller's.
 */
@QuarkusTest
@NotContractChecked("the gateway's /q paths are in no OpenAPI document")
class ManagementPathsAtTheGatewayTest {

    @Test
    void metricsAreTheMachinesOwnAndNotForCallersBehindAProxy() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        given().header("X-Forwarded-For", "203.0.113.9").get("/q/metrics").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:portfolio:problem:not-found"))
                .body(not(containsString("jvm_")));
        given().header("Forwarded", "for=203.0.113.9").get("/q/metrics").then().statusCode(404);
        given().header("X-Forwarded-For", "203.0.113.9").get("/q/info").then().statusCode(404);
    }

    @Test
    void healthAndSwaggerUiStayOpenToAnyone() {
        given().header("X-Forwarded-For", "203.0.113.10").get("/q/health/live").then().statusCode(200);
        given().header("X-Forwarded-For", "203.0.113.10").get("/q/swagger-ui/").then().statusCode(200);
    }
}
