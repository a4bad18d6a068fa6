package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.support.StubService;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS terminator the gateway trusts ({@code trust-forwarded-headers}), a service hears the origin the caller
 * used, as the rewritten {@code Location} names it: Ed-Fi's discovery document builds its {@code urls} from these
 * headers (hostile review of 2026-12-05, sixth pass: the proxy sent the terminator's plain http and its upstream
 * host, so the discovery told Ed-Fi clients to send their key and secret to an http:// token URL).
 */
@QuarkusTest
@NotContractChecked("the forwarded headers a StubService path receives")
@TestProfile(InFlightLimitTest.FewInFlight.class)
class ForwardedOriginTest {

    @Test
    void aServiceHearsTheOriginTheTerminatorForwarded() {
        given().auth().oauth2(TestTokens.districtAdmin()).header("Host", "gateway:8080")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.district.example")
                .get("/api/schools/echo").then().statusCode(200);
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-host")).isEqualTo("api.district.example");

        given().auth().oauth2(TestTokens.districtAdmin()).header("Host", "gateway:8080")
                .header("Forwarded", "for=192.0.2.1;proto=https;host=portal.district.example")
                .get("/api/schools/echo").then().statusCode(200);
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-proto")).isEqualTo("https");
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-host")).isEqualTo("portal.district.example");

        // without forwarded headers: the Host the caller sent
        given().auth().oauth2(TestTokens.districtAdmin()).header("Host", "api.district.example")
                .get("/api/schools/echo").then().statusCode(200);
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-proto")).isEqualTo("http");
        assertThat(StubService.LAST_HEADERS.get("x-forwarded-host")).isEqualTo("api.district.example");
    }
}
