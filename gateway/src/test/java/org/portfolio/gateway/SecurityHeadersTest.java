package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer through the gateway carries the security headers, whoever wrote it (docs/security.md T31): a service's
 * (proxied, also one that sets its own), the gateway's own resources, its edge problems, Swagger UI's page; an answer
 * to a request with credentials is never stored by a cache.
 */
@QuarkusTest
@NotContractChecked("StubService's paths are in no OpenAPI document; the headers are the point here")
class SecurityHeadersTest {

    private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Test
    void aServicesAnswerToACallerWithATokenIsNeverStoredAndNeverSniffedOrFramed() {
        Response r = given().auth().oauth2(TestTokens.oversight()).get("/api/oversight-bodies");
        assertThat(r.statusCode()).isEqualTo(200);
        assertProtected(r, API_POLICY);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anAnonymousPublicAnswerIsProtectedButLeftToHttpsCachingDefaults() {
        Response r = given().get("/api/schools");
        assertThat(r.statusCode()).isEqualTo(200);
        assertProtected(r, API_POLICY);
        assertThat(r.header("Cache-Control")).isNull();
    }

    @Test
    void aServicesOwnCacheControlIsReplacedForACallerWithATokenAndItsFramingHeaderAlways() {
        // review of the thirteenth pass: a service's "public" kept on an authenticated answer lets a shared cache serve it
        Response r = given().auth().oauth2(TestTokens.oversight()).get("/api/oversight-bodies/cached");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().getValues("Cache-Control")).containsExactly("no-store");
        assertProtected(r, API_POLICY);
        assertThat(r.headers().getValues("X-Frame-Options")).containsExactly("DENY");
        // the rate limit the caller reads is the gateway's, never a service's
        assertThat(r.headers().getValues("RateLimit")).singleElement().asString().startsWith("\"client\";r=");

        Response anonymous = given().get("/api/schools/cached");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.header("Cache-Control")).isEqualTo("public, max-age=60");
        assertProtected(anonymous, API_POLICY);
        assertThat(anonymous.headers().getValues("RateLimit")).as("an address's bucket is not told").isEmpty();
    }

    @Test
    void theStrictPolicyFollowsThePathAsRoutedNotAsWritten() {
        Response r = given().urlEncodingEnabled(false).get("/q/swagger-ui/%2e%2e/%2e%2e/api/schools");
        assertProtected(r, API_POLICY);
    }

    @Test
    void theEdgesOwnProblemsCarryThemToo() {
        Response missing = given().get("/api/oversight-bodies");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertProtected(missing, API_POLICY);
        assertThat(missing.header("Cache-Control")).isNull();

        Response forged = given().auth().oauth2("not.a.token").get("/api/oversight-bodies");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertProtected(forged, API_POLICY);
        assertThat(forged.header("Cache-Control")).isEqualTo("no-store");

        Response tooLarge = given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .body(new byte[2 * 1024 * 1024]).post("/api/admin/clients");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertProtected(tooLarge, API_POLICY);
        assertThat(tooLarge.header("Cache-Control")).isEqualTo("no-store");

        Response nowhere = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/nowhere");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertProtected(nowhere, API_POLICY);
    }

    @Test
    void theGatewaysOwnResourcesCarryThem() {
        Response clients = given().auth().oauth2(TestTokens.districtAdmin()).get("/api/admin/clients");
        assertThat(clients.statusCode()).isEqualTo(200);
        assertProtected(clients, API_POLICY);
        assertThat(clients.header("Cache-Control")).isEqualTo("no-store");

        Response token = given().auth().preemptive().basic("nobody", "wrong").contentType("application/x-www-form-urlencoded")
                .body("grant_type=client_credentials").post("/oauth/token");
        assertThat(token.statusCode()).isEqualTo(401);
        assertProtected(token, API_POLICY);
        assertThat(token.header("Cache-Control")).isEqualTo("no-store");

        Response document = given().get("/openapi");
        assertThat(document.statusCode()).isEqualTo(200);
        assertProtected(document, API_POLICY);
    }

    @Test
    void swaggerUisPageMayRunItsScriptsButIsNeverFramed() {
        Response page = given().get("/q/swagger-ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertProtected(page, "frame-ancestors 'none'");
    }

    private static void assertProtected(Response r, String policy) {
        assertThat(r.header("X-Content-Type-Options")).as("nosniff").isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.headers().getValues("Content-Security-Policy")).containsExactly(policy);
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
