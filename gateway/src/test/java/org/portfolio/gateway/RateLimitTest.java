package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.contract.NotContractChecked;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** Token buckets per client and, without a token, per address: 429 problem+json with Retry-After. */
@QuarkusTest
@NotContractChecked("rate limits in front of StubService paths that are in no OpenAPI document (the token endpoint is checked in TokenEndpointTest)")
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "portfolio.gateway.rate-limit.client.requests-per-second", "0.02",
                    "portfolio.gateway.rate-limit.client.burst", "3",
                    "portfolio.gateway.rate-limit.anonymous.requests-per-second", "0.02",
                    "portfolio.gateway.rate-limit.anonymous.burst", "3",
                    // the tests' own address stands for a TLS terminator in front of the gateway
                    "portfolio.gateway.rate-limit.trusted-proxies", "127.0.0.1/32,10.9.0.0/16");
        }
    }

    private static String token(String subject) {
        return TestTokens.token(subject, Set.of("OVERSIGHT"), List.of(), Duration.ofMinutes(5));
    }

    @Test
    void aClientOverItsBurstGets429WithRetryAfterWhileOtherClientsGoOn() {
        String greedy = token("greedy-" + UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(greedy).get("/api/oversight-bodies").then().statusCode(200);
        }
        given().auth().oauth2(greedy).get("/api/oversight-bodies").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("type", equalTo("urn:portfolio:problem:rate-limited"))
                .body("detail", containsString("greedy-"));
        given().auth().oauth2(token("modest-" + UUID.randomUUID())).get("/api/oversight-bodies").then().statusCode(200);
    }

    /**
     * Thirteenth pass of 2026-12-06 (OWASP's API ruleset: no answer said what limit applied): every answer to a client
     * says its limit and what is left of it (draft-ietf-httpapi-ratelimit-headers-10), down to the 429, where one more
     * comes no later than its Retry-After; a caller without a token is told nothing of its address's shared bucket.
     */
    @Test
    void everyAnswerToAClientSaysItsLimitAndWhatIsLeftOfIt() {
        String pacer = token("pacer-" + UUID.randomUUID());
        for (int left = 2; left >= 0; left--) {
            var r = given().auth().oauth2(pacer).get("/api/oversight-bodies");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.header("RateLimit-Policy")).isEqualTo("\"client\";q=3;w=150");
            assertThat(r.header("RateLimit")).startsWith("\"client\";r=" + left + ";t=");
            assertThat(seconds(r.header("RateLimit"))).as("one more within 50 s at 0.02 a second").isBetween(40L, 50L);
        }
        var refused = given().auth().oauth2(pacer).get("/api/oversight-bodies");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header("RateLimit")).startsWith("\"client\";r=0;t=");
        assertThat(seconds(refused.header("RateLimit"))).isBetween(40L, Long.parseLong(refused.header("Retry-After")));
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        var anonymous = given().header("X-Forwarded-For", address).get("/api/schools");
        assertThat(anonymous.statusCode()).isIn(200, 429);
        assertThat(anonymous.header("RateLimit")).isNull();
        assertThat(anonymous.header("RateLimit-Policy")).isNull();
    }

    private static long seconds(String rateLimit) {
        return Long.parseLong(rateLimit.substring(rateLimit.indexOf(";t=") + 3));
    }

    /**
     * Review of 2026-12-05 (security.md T12, gateway M3): every caller without a token behind the TLS terminator shared
     * one bucket (the terminator's address), so one of them could hold everyone's token requests at 429. Behind a trusted
     * proxy each forwarded caller has its own; what a caller writes to the left of what the proxy appended is not
     * believed; an IPv6 caller counts by its /64.
     */
    @Test
    void behindATrustedProxyEachForwardedCallerHasItsOwnBucket() {
        int n = 1 + (int) (Math.random() * 250);
        String a = "198.51.100." + n;
        String b = "198.51.100." + (n % 250 + 2);
        assertThat(exhaust(a)).as("the forwarded caller's own bucket").isEqualTo(429);
        given().header("X-Forwarded-For", b).get("/q/health/live").then().statusCode(200);
        // a caller that writes an address of its own: the proxy appends the real one, which is the one that counts
        given().header("X-Forwarded-For", "203.0.113.9, " + a).get("/q/health/live").then().statusCode(429);
        // two trusted hops: the address the first proxy saw
        given().header("X-Forwarded-For", a + ", 10.9.1.1").get("/q/health/live").then().statusCode(429);
        // IPv6: the same /64 is one caller, the next /64 another
        String v6 = "2001:db8:" + Integer.toHexString(n) + ":1::";
        assertThat(exhaust(v6 + "1")).isEqualTo(429);
        given().header("X-Forwarded-For", v6 + "ffff").get("/q/health/live").then().statusCode(429);
        given().header("X-Forwarded-For", "2001:db8:" + Integer.toHexString(n) + ":2::1").get("/q/health/live").then().statusCode(200);
    }

    private static int exhaust(String forwardedFor) {
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = given().header("X-Forwarded-For", forwardedFor).get("/q/health/live").statusCode();
        }
        return status;
    }

    /** Review of 2026-12-05 (security.md T12): /q/* (health with its database check, metrics, Swagger UI) had no limit. */
    @Test
    void managementPathsTakeFromTheAddresssBucketToo() {
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = given().get("/q/metrics").statusCode();
        }
        org.assertj.core.api.Assertions.assertThat(status).as("a flood of /q/metrics from one address").isEqualTo(429);
        given().get("/q/swagger-ui/").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("type", equalTo("urn:portfolio:problem:rate-limited"));
        // the machine's own health check (loopback, no proxy) is not held back by a local caller's flood
        given().get("/q/health/ready").then().statusCode(200);
        // one that came through a proxy is a caller like any other (here the forwarded address's bucket)
        String forwarded = "198.51.100." + (1 + (int) (Math.random() * 250));
        int proxied = 0;
        for (int i = 0; i < 10 && proxied != 429; i++) {
            proxied = given().header("X-Forwarded-For", forwarded).get("/q/health/ready").statusCode();
        }
        org.assertj.core.api.Assertions.assertThat(proxied).as("a flood of readiness checks through a proxy").isEqualTo(429);
    }

    @Test
    void callsWithoutATokenAreLimitedPerAddressTheTokenEndpointIncluded() {
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = given().contentType("application/x-www-form-urlencoded").body("grant_type=client_credentials")
                    .post("/oauth/token").statusCode();
        }
        given().get("/api/performance/metrics").then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .contentType("application/problem+json");
    }

    /**
     * Review finding (2026-12-05, M2): a bearer token that failed verification was answered 401 before any limit, so a
     * stream of forged tokens cost an RSA check each without end. Each failure now takes one from its address's bucket
     * of failures; while it is empty, no new token from that address is verified (429); tokens verified before go on.
     */
    @Test
    void invalidBearerTokensAreLimitedPerAddressBeforeTheyAreVerified() {
        String forged = TestTokens.token("forger-" + UUID.randomUUID(), Set.of("OVERSIGHT"), List.of(), Duration.ofMinutes(5)) + "x";
        String honest = token("honest-" + UUID.randomUUID());
        given().auth().oauth2(honest).get("/api/oversight-bodies").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(forged).get("/api/oversight-bodies").then().statusCode(401);
        }
        given().auth().oauth2(forged).get("/api/oversight-bodies").then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*")).contentType("application/problem+json")
                .body("detail", containsString("invalid bearer tokens"));
        // a token verified before goes on from the same address (no signature check); a new one waits like the forger
        given().auth().oauth2(honest).get("/api/oversight-bodies").then().statusCode(200);
    }
}
