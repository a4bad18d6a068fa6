package org.portfolio.autonomy;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The service refuses the tokens of a client the gateway disabled or rotated, within seconds of the gateway's
 * ClientChanged event, even when called directly (issue 13, point 3).
 */
@QuarkusTest
class ClientRevocationTest {

    static final String TOPIC = "gateway.clients";
    static final String TYPE = "portfolio.gateway.ClientChanged.v1";
    static final Duration BOUND = Duration.ofSeconds(5);
    static final String PROTECTED = "/api/autonomy/portfolio";

    static void clientChanged(String clientId, boolean enabled, int generation, long version) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("clientId", clientId);
        d.put("enabled", enabled);
        d.put("tokenGeneration", generation);
        d.put("roles", List.of("OVERSIGHT"));
        d.put("schools", List.of());
        d.put("version", version);
        d.put("createdAt", "2026-09-01T08:00:00Z");
        d.put("changedAt", Instant.now().toString());
        EventsProbe.publish(TOPIC, "/gateway", TYPE, clientId, d);
    }

    static int status(String token) {
        return given().auth().oauth2(token).get(PROTECTED).statusCode();
    }

    /** Waits until the token is refused and returns how long that took after the event was on the broker. */
    static Duration untilRefused(String token) {
        long t0 = System.nanoTime();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> status(token) == 401);
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void aTokenOfAClientTheGatewayDisabledIsRefusedWithinTheBound() {
        String client = "cl_" + UUID.randomUUID();
        String token = TestTokens.withGeneration(client, 0, "OVERSIGHT");
        assertThat(status(token)).isEqualTo(200);

        clientChanged(client, false, 1, 1);
        Duration took = untilRefused(token);
        System.out.printf("autonomy-service refused the disabled client's token %d ms after the event%n", took.toMillis());

        given().auth().oauth2(token).get(PROTECTED).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("type", equalTo("urn:portfolio:problem:unauthorized"))
                .body("detail", equalTo("The bearer token was refused: the client is disabled"));
        // other callers are untouched
        assertThat(status(TestTokens.oversight())).isEqualTo(200);
    }

    @Test
    void aTokenOfAnOlderGenerationIsRefusedWhileOneOfTheNewGenerationPasses() {
        String client = "cl_" + UUID.randomUUID();
        String old = TestTokens.withGeneration(client, 2, "OVERSIGHT");
        String renewed = TestTokens.withGeneration(client, 3, "OVERSIGHT");
        clientChanged(client, true, 2, 3);
        await().atMost(BOUND).until(() -> status(old) == 200);

        // the secret was rotated: generation 3
        clientChanged(client, true, 3, 4);
        Duration took = untilRefused(old);
        System.out.printf("autonomy-service refused the rotated-away token %d ms after the event%n", took.toMillis());
        given().auth().oauth2(old).get(PROTECTED).then().statusCode(401)
                .body("detail", containsString("the token was revoked"));
        assertThat(status(renewed)).isEqualTo(200);
    }

    @Test
    void readinessWaitsForTheClientDirectory() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("client-directory"));
    }
}
