package org.portfolio.gateway;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service builds {@code Location} from the Host header it received, i.e. its own address; through the gateway the
 * caller must see the public address it used instead (issue 13: {@code http://127.0.0.1:8083/...} leaked).
 */
@QuarkusTest
@NotContractChecked("Location rewriting of StubService answers; the stub upstream publishes no document for these paths")
class PublicLocationTest {

    @TestHTTPResource("/")
    URI gateway;

    private Response created(String path, String location) {
        var spec = given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json").body("{}");
        return (location == null ? spec : spec.queryParam("location", location)).post(path);
    }

    @Test
    void aLocationNamingTheServiceNamesTheGatewayAsTheCallerAddressedIt() {
        Response r = created("/api/schools/created", null);
        assertThat(r.statusCode()).isEqualTo(201);
        String expected = "http://localhost:" + gateway.getPort() + "/api/schools/created/42";
        assertThat(r.header("Location")).isEqualTo(expected);
        assertThat(r.header("Content-Location")).isEqualTo(expected);
    }

    @Test
    void theHostTheCallerUsedIsTheOneInTheAnswer() {
        Response r = given().auth().oauth2(TestTokens.districtAdmin()).header("Host", "api.district.example")
                .contentType("application/json").body("{}").post("/api/performance/ingest/created");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.header("Location")).isEqualTo("http://api.district.example/api/performance/ingest/created/42");
    }

    @Test
    void forwardedHeadersOfTheCallerAreNotTrustedByDefault() {
        Response r = given().auth().oauth2(TestTokens.districtAdmin())
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "444").header("Forwarded", "host=evil.example;proto=https")
                .contentType("application/json").body("{}").post("/api/schools/created");
        assertThat(r.header("Location")).isEqualTo("http://localhost:" + gateway.getPort() + "/api/schools/created/42");
    }

    @Test
    void aSchemeRelativeServiceAddressIsRewrittenToo() {
        Response r = created("/api/autonomy/created", "//{self}/api/autonomy/requests/7?x=1#f");
        assertThat(r.header("Location")).isEqualTo("http://localhost:" + gateway.getPort() + "/api/autonomy/requests/7?x=1#f");
    }

    @Test
    void relativeAndForeignLocationsPassUnchanged() {
        assertThat(created("/api/schools/created", "/api/schools/7").header("Location")).isEqualTo("/api/schools/7");
        assertThat(created("/api/schools/created", "https://sis.example.org/receipts/1").header("Location"))
                .isEqualTo("https://sis.example.org/receipts/1");
        // same host, another port: not a service of this gateway
        assertThat(created("/api/schools/created", "http://127.0.0.1:1/x").header("Location")).isEqualTo("http://127.0.0.1:1/x");
    }
}
