package org.portfolio.integration;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.events.EventContract;
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
            // scheme, host and port only: a path may hold the receiver's secret (W6 of the twenty-sixth pass)
            assertThat(disabled.data().path("target").asText()).doesNotContain("token=").matches("https?://[^/?#]+");
            assertThat(EventsProbe.ofType("integration.events", "portfolio.integration.WebhookDisabled.v1")
                    .stream().filter(e -> sub.id().equals(e.subject()))).hasSize(1);
            // the AsyncAPI document is the contract of what integration-service publishes
            assertThat(EventContract.load().assertTopicConforms("integration.events", "/integration"))
                    .containsKey("portfolio.integration.WebhookDisabled.v1");

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

    /**
     * Review findings: a subscription with a school filter never got WebhookDisabled (the event is about no school),
     * and a disabled subscription kept queueing every new event for the feed's whole retention. Now: nothing new is
     * queued while it is disabled but the WebhookDisabled about itself, which a resume delivers after what was queued
     * before; the events in between come from a replay after the WebhookDisabled's sequence.
     */
    @Test
    void aDisabledSubscriptionQueuesNothingNewButHearsAboutItselfAndReplayFillsTheGap() throws Exception {
        UUID school = UUID.randomUUID();
        String owner = TestTokens.schoolLeader(school);
        try (Receiver r = new Receiver().mode(Receiver.Mode.FAIL)) {
            Webhooks.Registered sub = Webhooks.registered(owner, r, List.of("SchoolUpdated", "WebhookDisabled"), List.of(school));
            String before = Events.contracts("SchoolUpdated", school, Map.of("n", 0));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(owner).get("/api/webhooks/" + sub.id())
                    .then().statusCode(200).body("status", equalTo("DISABLED")));
            EventsProbe.Received disabled = EventsProbe.await("integration.events", e -> sub.id().equals(e.subject()), Duration.ofSeconds(30));
            String during = Events.contracts("SchoolUpdated", school, Map.of("n", 1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(FeedTest.ids(TestTokens.districtAdmin(), "0")).contains(during));
            Thread.sleep(500);
            // queued: the event from before and the WebhookDisabled about itself; not the one that came while disabled
            assertThat(given().auth().oauth2(owner).get("/api/webhooks/" + sub.id() + "/deliveries").jsonPath()
                    .getList("items.eventId", String.class)).containsExactlyInAnyOrder(before, disabled.id());

            r.mode(Receiver.Mode.OK);
            given().auth().oauth2(owner).post("/api/webhooks/" + sub.id() + "/resume").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> r.acknowledged().size() == 2);
            assertThat(r.acknowledged()).extracting(Receiver.Got::webhookId).containsExactlyInAnyOrder(before, disabled.id());
            Receiver.Got about = r.acknowledged().stream().filter(g -> g.webhookId().equals(disabled.id())).findFirst().orElseThrow();
            assertThat(about.type()).isEqualTo("portfolio.integration.WebhookDisabled.v1");
            assertThat(about.subject()).isEqualTo(sub.id());

            // what came while it was disabled: replay after the WebhookDisabled's sequence
            given().auth().oauth2(owner).contentType("application/json").body(Map.of("after", Long.toString(about.sequence())))
                    .post("/api/webhooks/" + sub.id() + "/replay").then().statusCode(202).body("queued", equalTo(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> r.acknowledged().size() == 3);
            assertThat(r.acknowledged().get(2).webhookId()).isEqualTo(during);
        }
    }
}
