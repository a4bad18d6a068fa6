package org.portfolio.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.support.Clients;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;
import org.portfolio.testing.events.EventContract;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document (module api-docs) is the contract of the gateway's ClientChanged events: a client registered
 * and disabled publishes two; then every event the gateway published in the test run, read back from gateway.clients,
 * must conform to the message in the document (closed schema, no secret, no null).
 */
@QuarkusTest
class PublishedEventsContractTest {

    static final String TOPIC = "gateway.clients";
    static final String TYPE = "portfolio.gateway.ClientChanged.v1";

    @Test
    void everyClientChangedTheGatewayPublishesConformsToTheAsyncApiDocument() {
        Clients.Registered c = Clients.register("SCHOOL_LEADER", UUID.randomUUID());
        given().auth().oauth2(TestTokens.districtAdmin()).contentType("application/json")
                .post("/api/admin/clients/" + c.id() + "/disable").then().statusCode(200);
        EventsProbe.await(TOPIC, e -> TYPE.equals(e.type()) && c.id().equals(e.subject())
                && !e.data().path("enabled").asBoolean(true), Duration.ofSeconds(30));

        Map<String, Integer> checked = EventContract.load().assertTopicConforms(TOPIC, "/gateway");
        assertThat(checked.get(TYPE)).isGreaterThanOrEqualTo(2);
    }
}
