package org.portfolio.platform.web;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.web.security.VerifiedTokenCache;
import org.portfolio.testing.TestTokens;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A verified token of a client the gateway disabled or rotated is refused; until the status is known, 503. A token
 * served from the verified-token cache (issue 17) is refused as well, on the first request after the change.
 */
@QuarkusTest
class ClientRevocationTest {

    @Inject
    VerifiedTokenCache cache;

    @Test
    void aCachedTokenOfAClientDisabledSinceIsRefusedOnTheNextRequest() {
        String client = "later-disabled-" + UUID.randomUUID();
        String token = TestTokens.withGeneration(client, 1, "DISTRICT_ADMIN");
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200);
        long verified = cache.verifications();
        StubClientStatus.disabled.add(client);
        try {
            ProblemDetailsTest.problem(given().auth().oauth2(token).get("/widgets/admin").then(), 401, "unauthorized")
                    .body("detail", equalTo("The bearer token was refused: the client is disabled"));
            assertThat(cache.verifications()).as("the token came from the cache").isEqualTo(verified);
        } finally {
            StubClientStatus.disabled.remove(client);
        }
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200);
    }

    @Test
    void aCachedTokenOfAClientRotatedSinceIsRefusedOnTheNextRequest() {
        String client = "later-rotated-" + UUID.randomUUID();
        String token = TestTokens.withGeneration(client, 1, "DISTRICT_ADMIN");
        given().auth().oauth2(token).get("/widgets/admin").then().statusCode(200);
        long verified = cache.verifications();
        StubClientStatus.generations.put(client, 2);
        try {
            ProblemDetailsTest.problem(given().auth().oauth2(token).get("/widgets/admin").then(), 401, "unauthorized")
                    .body("detail", containsString("the token was revoked"));
            assertThat(cache.verifications()).as("the token came from the cache").isEqualTo(verified);
            given().auth().oauth2(TestTokens.withGeneration(client, 2, "DISTRICT_ADMIN")).get("/widgets/admin").then()
                    .statusCode(200);
        } finally {
            StubClientStatus.generations.remove(client);
        }
    }

    @Test
    void aTokenOfADisabledClientIs401WithTheReason() {
        ProblemDetailsTest.problem(given().auth().oauth2(TestTokens.withGeneration("disabled-client", 5, "DISTRICT_ADMIN"))
                        .get("/widgets/admin").then(), 401, "unauthorized")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", equalTo("The bearer token was refused: the client is disabled"));
    }

    @Test
    void aTokenOfAnOlderGenerationIs401AndOneOfTheCurrentGenerationPasses() {
        ProblemDetailsTest.problem(given().auth().oauth2(TestTokens.withGeneration("rotated-client", 1, "DISTRICT_ADMIN"))
                        .get("/widgets/admin").then(), 401, "unauthorized")
                .body("detail", containsString("the token was revoked"));
        given().auth().oauth2(TestTokens.withGeneration("rotated-client", 2, "DISTRICT_ADMIN"))
                .get("/widgets/admin").then().statusCode(200).body("caller", equalTo("rotated-client"));
    }

    @Test
    void aClientTheServiceDoesNotKnowIsAcceptedAsBefore() {
        given().auth().oauth2(TestTokens.districtAdmin()).get("/widgets/admin").then().statusCode(200);
    }

    @Test
    void untilTheStatusIsKnownATokenIs503WithRetryAfterAndAnonymousCallsPass() {
        StubClientStatus.ready = false;
        try {
            ProblemDetailsTest.problem(given().auth().oauth2(TestTokens.districtAdmin()).get("/widgets/admin").then(),
                            503, "service-unavailable")
                    .header("Retry-After", "2");
            // a public endpoint does not authenticate: nothing to check
            given().get("/widgets/" + UUID.randomUUID()).then().statusCode(404);
        } finally {
            StubClientStatus.ready = true;
        }
        given().auth().oauth2(TestTokens.districtAdmin()).get("/widgets/admin").then().statusCode(200);
    }
}
