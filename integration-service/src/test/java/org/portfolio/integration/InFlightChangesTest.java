package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile read of the twenty-sixth pass, W3: a slot checked its subscription when it claimed its deliveries and then
 * sent them for up to 25 s, after a pause's 200, a DELETE's 204, a rotation revoking the earlier secret, a disabled
 * client or a narrower scope. It reads them again every second now. A slow receiver (300 ms an answer) and ten events
 * claimed together.
 */
@QuarkusTest
class InFlightChangesTest {

    private static final String ADMIN = TestTokens.districtAdmin();

    private static int queued(String sub) {
        return given().auth().oauth2(ADMIN).get("/api/webhooks/" + sub + "/deliveries?size=200").jsonPath()
                .getList("items").size();
    }

    /** Ten events queued while paused, then resumed: one claim takes them; returns once the first arrived. */
    private static void queueTenAndResume(String sub, UUID school, Receiver r) {
        given().auth().oauth2(ADMIN).post("/api/webhooks/" + sub + "/pause").then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            Events.contracts("SchoolUpdated", school, Map.of("name", "School " + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> queued(sub) >= 10);
        given().auth().oauth2(ADMIN).post("/api/webhooks/" + sub + "/resume").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !r.arrivals().isEmpty());
    }

    private static long arrivedAfter(Receiver r, Instant t) {
        return r.arrivals().stream().filter(a -> a.isAfter(t)).count();
    }

    @Test
    void aPauseStopsTheDeliveriesAlreadyClaimedWithinASecond() throws Exception {
        UUID school = UUID.randomUUID();
        try (Receiver r = new Receiver().delay(300)) {
            Webhooks.Registered sub = Webhooks.registered(ADMIN, r, List.of("SchoolUpdated"), List.of(school));
            queueTenAndResume(sub.id(), school, r);
            given().auth().oauth2(ADMIN).post("/api/webhooks/" + sub.id() + "/pause").then().statusCode(200);
            Instant paused = Instant.now();
            Thread.sleep(3_000);
            assertThat(arrivedAfter(r, paused.plusMillis(1_500))).as("requests more than 1.5 s after the pause").isZero();
            assertThat(r.arrivals()).as("the slot had more to send when it was paused").hasSizeLessThan(10);
            // what went back is delivered after a resume, in order
            given().auth().oauth2(ADMIN).post("/api/webhooks/" + sub.id() + "/resume").then().statusCode(200);
            await().atMost(Duration.ofSeconds(60)).until(() -> r.acknowledged().size() >= 10);
            List<Long> order = r.acknowledged().stream().map(Receiver.Got::sequence).toList();
            assertThat(order).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aRotationRevokingTheEarlierSecretSignsWithTheNewOneWithinASecond() throws Exception {
        UUID school = UUID.randomUUID();
        try (Receiver r = new Receiver().delay(300)) {
            Webhooks.Registered sub = Webhooks.registered(ADMIN, r, List.of("SchoolUpdated"), List.of(school));
            queueTenAndResume(sub.id(), school, r);
            String fresh = given().auth().oauth2(ADMIN).queryParam("revokeEarlier", true)
                    .post("/api/webhooks/" + sub.id() + "/secret").then().statusCode(200).extract().path("secret");
            Instant rotated = Instant.now();
            Thread.sleep(4_000);
            // the receiver checks with the revoked secret only: a request it verifies was signed with it. Got.at is
            // taken after the receiver's 300 ms: 1 s of the recheck, the delay and a margin
            List<Receiver.Got> revoked = r.got().stream().filter(g -> g.at().isAfter(rotated.plusMillis(2_500)))
                    .filter(Receiver.Got::verified).toList();
            assertThat(revoked).as("requests signed with the revoked secret more than 2.5 s after the rotation").isEmpty();
            assertThat(fresh).startsWith("whsec_");
        }
    }
}
