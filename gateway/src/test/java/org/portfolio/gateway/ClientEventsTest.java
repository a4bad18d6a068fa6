package org.portfolio.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.portfolio.gateway.service.ClientEvents;
import org.portfolio.gateway.service.ClientRegistryService;
import org.portfolio.gateway.support.Clients;
import org.portfolio.gateway.support.GatewayTestResource;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every committed change of an API client is published once, in its own transaction (issue 13, point 3). */
@QuarkusTest
class ClientEventsTest {

    static final String TYPE = "portfolio.gateway.ClientChanged.v1";
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    ClientRegistryService registry;

    @Inject
    ClientEvents clientEvents;

    @Inject
    KafkaClients kafka;

    @Inject
    org.portfolio.gateway.service.LostClientTopic lostTopic;

    @Test
    void everyChangeOfAClientWritesExactlyOneEventWithItsNewStateAndNeverTheSecret() {
        UUID school = UUID.randomUUID();
        Clients.Registered c = Clients.register("SIS", school);
        JsonNode registered = only(c.id());
        assertThat(registered.get("enabled").asBoolean()).isTrue();
        assertThat(registered.get("tokenGeneration").asInt()).isZero();
        assertThat(registered.get("version").asLong()).isZero();
        assertThat(registered.get("roles")).extracting(JsonNode::asText).containsExactly("SIS");
        assertThat(registered.get("schools")).extracting(JsonNode::asText).containsExactly(school.toString());
        assertThat(registered.has("createdAt")).isTrue();
        assertThat(registered.toString()).doesNotContain(c.secret()).doesNotContainIgnoringCase("secret")
                .doesNotContainIgnoringCase("hash").doesNotContainIgnoringCase("salt");

        admin().post("/api/admin/clients/" + c.id() + "/disable").then().statusCode(200);
        assertThat(events(c.id())).hasSize(2);
        JsonNode disabled = last(c.id());
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("tokenGeneration").asInt()).isEqualTo(1);
        assertThat(disabled.get("version").asLong()).isEqualTo(version(c.id())).isEqualTo(1);

        admin().post("/api/admin/clients/" + c.id() + "/disable").then().statusCode(200);
        assertThat(events(c.id())).as("disabling a disabled client changes nothing").hasSize(2);

        admin().post("/api/admin/clients/" + c.id() + "/enable").then().statusCode(200);
        assertThat(last(c.id()).get("enabled").asBoolean()).isTrue();
        String etag = admin().get("/api/admin/clients/" + c.id()).header("ETag");
        String secret = admin().header("If-Match", etag).post("/api/admin/clients/" + c.id() + "/secret")
                .then().statusCode(200).extract().path("clientSecret");
        JsonNode rotated = last(c.id());
        assertThat(rotated.get("tokenGeneration").asInt()).isEqualTo(2);
        assertThat(rotated.toString()).doesNotContain(secret);

        UUID other = UUID.randomUUID();
        etag = admin().get("/api/admin/clients/" + c.id()).header("ETag");
        admin().header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("name", "renamed", "roles", List.of("SIS"), "schools", List.of(other)))
                .put("/api/admin/clients/" + c.id()).then().statusCode(200);
        JsonNode updated = last(c.id());
        assertThat(updated.get("schools")).extracting(JsonNode::asText).containsExactly(other.toString());
        assertThat(updated.get("tokenGeneration").asInt()).as("a scope change does not revoke tokens (they name it by reference)")
                .isEqualTo(2);
        assertThat(events(c.id())).hasSize(5);
        assertThat(events(c.id())).extracting(e -> e.get("version").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(row("select count(*) from outbox_event where aggregate_id = ?1 and (type <> ?2 or topic <> 'gateway.clients' "
                + "or message_key <> ?1 or subject <> ?1)", c.id(), TYPE)).isZero();
    }

    @Test
    void aChangeWhoseTransactionRollsBackLeavesNoEvent() {
        Clients.Registered c = Clients.register("OVERSIGHT");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            registry.setEnabled(c.id(), false, "test");
            Number inTransaction = (Number) em.createNativeQuery("select count(*) from outbox_event where aggregate_id = ?1")
                    .setParameter(1, c.id()).getSingleResult();
            assertThat(inTransaction.longValue()).as("written in the change's transaction").isEqualTo(2);
            throw new IllegalStateException("roll back");
        })).hasMessageContaining("roll back");
        assertThat(events(c.id())).hasSize(1);
        admin().get("/api/admin/clients/" + c.id()).then().statusCode(200).body("enabled", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void clientsThatExistedBeforeThePublishingArePublishedOnceAndTheBootstrapAdministratorAtStart() {
        assertThat(events(GatewayTestResource.BOOTSTRAP_ID)).isNotEmpty();
        Clients.Registered c = Clients.register("OVERSIGHT");
        // as before this change: a client nobody published
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update api_client set published_version = null where client_id = ?1")
                    .setParameter(1, c.id()).executeUpdate();
            em.createNativeQuery("delete from outbox_event where aggregate_id = ?1").setParameter(1, c.id()).executeUpdate();
        });
        // published by the next call or the publisher that runs every 2 s, whichever comes first: once
        clientEvents.publishUnpublished();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events(c.id())).hasSize(1));
        assertThat(clientEvents.publishUnpublished()).isZero();
        assertThat(events(c.id())).hasSize(1);
        assertThat(only(c.id()).get("version").asLong()).isZero();
    }

    /**
     * Seventeenth pass (backup and restore review, F10): the broker lost the registry's records. Before, every client
     * stayed marked published and was never written again: every service knew no client. Now a client the relay had
     * sent whose key's partition holds no record is published again; a topic that holds them changes nothing.
     */
    @Test
    void clientsWhoseRegistryPartitionLostItsRecordsArePublishedAgain() throws Exception {
        Clients.Registered c = Clients.register("OVERSIGHT");
        awaitSent(c.id(), 1);
        assertThat(lostTopic.republishIfLost("gateway.clients")).as("the registry's topic holds its records").isZero();

        String recreated = "lost-clients-" + UUID.randomUUID();
        kafka.admin().createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(recreated, 3, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        assertThat(lostTopic.republishIfLost(recreated)).as("an empty topic: every client sent to it").isPositive();
        clientEvents.publishUnpublished();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events(c.id())).hasSize(2));
        assertThat(last(c.id()).get("version").asLong()).isZero();

        awaitSent(c.id(), 2);
        assertThat(lostTopic.republishIfLost("never-created-" + UUID.randomUUID()))
                .as("a topic not created (again) yet holds nothing").isPositive();
        clientEvents.publishUnpublished();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events(c.id())).hasSize(3));

        // the partition a client's record lands on is the one the check looks at
        var sentTo = kafka.producer().send(new org.apache.kafka.clients.producer.ProducerRecord<>(recreated, c.id(),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        assertThat(sentTo.partition()).isEqualTo(org.portfolio.gateway.service.LostClientTopic.partitionOf(c.id(), 3));
        awaitSent(c.id(), 3);
        lostTopic.republishIfLost(recreated); // the other clients' partitions are still empty: those are published again
        assertThat(publishedVersion(c.id())).as("the client whose partition holds a record stays published").isNotNull();
    }

    private void awaitSent(String clientId, int rows) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                                "select count(*) from outbox_event where aggregate_id = ?1 and type = ?2 and sent_at is not null")
                        .setParameter(1, clientId).setParameter(2, TYPE).getSingleResult()).intValue())).isEqualTo(rows));
    }

    private Object publishedVersion(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select published_version from api_client where client_id = ?1").setParameter(1, clientId).getSingleResult());
    }

    @Test
    void theEventReachesTheCompactedTopicKeyedByTheClient() throws Exception {
        Clients.Registered c = Clients.register("OVERSIGHT");
        admin().post("/api/admin/clients/" + c.id() + "/disable").then().statusCode(200);
        EventsProbe.Received r = EventsProbe.await("gateway.clients",
                e -> c.id().equals(e.key()) && e.data() != null && !e.data().get("enabled").asBoolean(), Duration.ofSeconds(20));
        assertThat(r.type()).isEqualTo(TYPE);
        assertThat(r.source()).isEqualTo("/gateway");
        assertThat(r.subject()).isEqualTo(c.id());
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "gateway.clients");
        Config config = kafka.admin().describeConfigs(Set.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("-1");
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.districtAdmin());
    }

    private List<JsonNode> events(String clientId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object> rows = em.createNativeQuery(
                            "select cast(payload as text) from outbox_event where aggregate_id = ?1 and type = ?2 order by seq")
                    .setParameter(1, clientId).setParameter(2, TYPE).getResultList();
            return rows.stream().map(p -> {
                try {
                    return JSON.readTree(p.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        });
    }

    private JsonNode only(String clientId) {
        List<JsonNode> all = events(clientId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private JsonNode last(String clientId) {
        List<JsonNode> all = events(clientId);
        return all.get(all.size() - 1);
    }

    private long version(String clientId) {
        return row("select version from api_client where client_id = ?1", clientId);
    }

    private long row(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return ((Number) q.getSingleResult()).longValue();
        });
    }
}
