package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A subscription whose endpoint keeps failing through the retry horizon (3 s here) is disabled once, with a
 * WebhookDisabled event on integration.events (through the outbox) and in the feed for its owner and DISTRICT_ADMIN
 * only; its queue is kept, and a resume delivers it.
 */
@QuarkusTest
@TestProfile(DisableAfterHorizonTest.ShortHorizon.class)
class DisableAfterHorizonTest {

    public static class ShortHorizon implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portfolio.integration.webhooks.retry-horizon", "3s");
        }
    }

    @Test
    void failingThroughTheHorizonDisablesWithAnEventAndResumeDeliversTheQueue() throws Exception {
        UUID school = UUID.randomUUID();
        String owner = TestTokens.schoolLeader(school);
        try (Receiver r = new Receiver().mode(Receiver.Mode.FAIL)) {
            Webhooks.Registered sub = Webhooks.registered(owner, r, List.of("SchoolRegistered"), List.of(school));
            String before = FeedTest.end(TestTokens.districtAdmin());
            String event = Events.schoolRegistered(school);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(owner).get("/api/webhooks/" + sub.id())
                    .then().statusCode(200).body("status", equalTo("DISABLED")));
            int attempts = r.got().size();
            assertThat(attempts).isGreaterThan(1);

            EventsProbe.Received disabled = EventsProbe.await("integration.events", e -> sub.id().equals(e.subject()), Duration.ofSeconds(30));
            assertThat(disabled.type()).isEqualTo("portfolio.integration.WebhookDisabled.v1");
            assertThat(disabled.source()).isEqualTo("/integration");
            assertThat(disabled.data().path("ownerClientId").asText()).isEqualTo("leader-client");
            assertThat(disabled.data().path("lastErrorClass").asText()).isEqualTo("HTTP_STATUS");
            assertThat(disabled.data().path("lastStatusCode").asInt()).isEqualTo(503);
            assertThat(disabled.data().path("target").asText()).doesNotContain("token=");
            assertThat(EventsProbe.ofType("integration.events", "portfolio.integration.WebhookDisabled.v1")
                    .stream().filter(e -> sub.id().equals(e.subject()))).hasSize(1);

            // in the feed: the owner and DISTRICT_ADMIN see it, another client (even an oversight office) does not
            assertThat(FeedTest.ids(owner, before)).contains(disabled.id());
            assertThat(FeedTest.ids(TestTokens.districtAdmin(), before)).contains(disabled.id());
            assertThat(FeedTest.ids(TestTokens.oversight(), before)).doesNotContain(disabled.id());
            assertThat(FeedTest.ids(TestTokens.sis(), before)).doesNotContain(disabled.id());

            Thread.sleep(1500);
            assertThat(r.got()).hasSize(attempts); // nothing is sent while disabled
            r.mode(Receiver.Mode.OK);
            given().auth().oauth2(owner).post("/api/webhooks/" + sub.id() + "/resume").then().statusCode(200)
                    .body("status", equalTo("ACTIVE"));
            await().atMost(Duration.ofSeconds(30)).until(() -> r.acknowledged().size() == 1);
            assertThat(r.acknowledged().get(0).webhookId()).isEqualTo(event);
        }
    }
}
