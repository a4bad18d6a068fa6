package org.portfolio.platform.events.clients;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.portfolio.platform.events.kafka.KafkaClients;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.InfraControl;
import org.portfolio.testing.RealInfrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

/** The client directory on a real broker: what the gateway publishes, every service reads back (issue 13, point 3). */
@QuarkusTest
class ClientDirectoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ClientDirectory directory;

    @Inject
    KafkaClients kafka;

    static Map<String, Object> data(String clientId, boolean enabled, int generation, long version, Instant createdAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("clientId", clientId);
        d.put("enabled", enabled);
        d.put("tokenGeneration", generation);
        d.put("roles", List.of("SIS"));
        d.put("schools", List.of(UUID.randomUUID().toString()));
        d.put("version", version);
        d.put("createdAt", createdAt.toString());
        d.put("changedAt", Instant.now().toString());
        return d;
    }

    static void publish(String topic, Map<String, Object> data) {
        EventsProbe.publish(topic, ClientTopic.SOURCE, ClientTopic.TYPE, (String) data.get("clientId"), data);
    }

    /**
     * A change of another client on the same partition, published after the others: once it is known, every
     * earlier record of that client was read (order holds within a partition only).
     */
    void awaitMarker(String topic, String samePartitionAs) {
        String marker;
        do {
            marker = "cl_marker_" + UUID.randomUUID();
        } while (partition(marker) != partition(samePartitionAs));
        publish(topic, data(marker, true, 0, 0, Instant.now()));
        String m = marker;
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(m).isPresent());
    }

    /** The producer's default partitioner for a keyed record (murmur2), on the topic's 3 partitions. */
    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3;
    }

    @Test
    void aPublishedChangeIsReadBackAndTheHighestVersionWinsWhateverTheOrderOfTheRecords() {
        String id = "cl_" + UUID.randomUUID();
        Instant created = Instant.now();
        assertThat(directory.ready()).isTrue();
        assertThat(directory.revokedBecause(id, 0)).as("a client the directory has not heard of").isEmpty();

        publish(ClientTopic.NAME, data(id, false, 3, 5, created));
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).isPresent());
        assertThat(directory.revokedBecause(id, 3)).contains("the client is disabled");

        // an older version arriving later (a redelivery; compaction that has not run) takes nothing back
        publish(ClientTopic.NAME, data(id, true, 1, 2, created));
        awaitMarker(ClientTopic.NAME, id);
        assertThat(directory.find(id).get().version()).isEqualTo(5);
        assertThat(directory.revokedBecause(id, 3)).contains("the client is disabled");

        publish(ClientTopic.NAME, data(id, true, 4, 6, created));
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).get().version() == 6);
        assertThat(directory.revokedBecause(id, 3)).get().asString().contains("the token was revoked");
        assertThat(directory.revokedBecause(id, 4)).isEmpty();
        assertThat(directory.find(id).get().roles()).containsExactly("SIS");
    }

    @Test
    void theSchoolScopeOfAClientIsResolvedFromItsLatestChangeWhateverItsSizeAndAChangeAppliesWithoutANewToken() {
        String id = "cl_" + UUID.randomUUID();
        Instant created = Instant.now();
        assertThat(directory.scopeOf(id)).as("a client the directory has not heard of").isEmpty();

        List<String> many = java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Map<String, Object> d = data(id, true, 0, 1, created);
        d.put("schools", many);
        d.put("oversightBodies", List.of(UUID.randomUUID().toString()));
        publish(ClientTopic.NAME, d);
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.scopeOf(id).isPresent());
        assertThat(directory.scopeOf(id).get().allSchools()).isFalse();
        assertThat(directory.scopeOf(id).get().schools()).hasSize(2_000).contains(many.get(0), many.get(1_999));
        assertThat(directory.scopeOf(id).get().covers(UUID.randomUUID())).isFalse();

        Map<String, Object> all = data(id, true, 0, 2, created);
        all.put("schools", List.of());
        all.put("allSchools", true);
        publish(ClientTopic.NAME, all);
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).get().version() == 2);
        assertThat(directory.scopeOf(id).get().covers(UUID.randomUUID())).as("every school").isTrue();
        assertThat(directory.revokedBecause(id, 0)).as("a scope change does not revoke the client's tokens").isEmpty();
    }

    @Test
    void aRequestWaitingForAClientRegisteredAMomentAgoGetsItsScopeTheMomentItArrivesAndAnUnknownOneGivesUpInTime() throws Exception {
        String id = "cl_" + UUID.randomUUID();
        assertThat(directory.scopeOf(id)).isEmpty();
        java.util.concurrent.CompletableFuture<java.util.Optional<org.portfolio.platform.web.security.SchoolScope>> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> directory.awaitScopeOf(id, Duration.ofSeconds(20)));
        Thread.sleep(300);
        assertThat(waiting).as("still waiting before the change is published").isNotDone();
        Map<String, Object> d = data(id, true, 0, 1, Instant.now());
        publish(ClientTopic.NAME, d);
        assertThat(waiting.get(15, TimeUnit.SECONDS)).as("the scope the change carries").isPresent()
                .get().extracting(s -> s.schools()).isEqualTo(Set.copyOf((List<?>) d.get("schools")));

        long t0 = System.nanoTime();
        assertThat(directory.awaitScopeOf("cl_" + UUID.randomUUID(), Duration.ofMillis(400))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(390), Duration.ofSeconds(5));
    }

    @Test
    void recordsThatAreNotAValidClientChangeFromTheGatewayAreIgnoredAndTheDirectoryReadsOn() {
        String id = "cl_" + UUID.randomUUID();
        Instant created = Instant.now();
        publish(ClientTopic.NAME, data(id, true, 0, 0, created));
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).isPresent());

        Map<String, Object> forged = data(id, false, 9, 9, created);
        EventsProbe.publish(ClientTopic.NAME, "/outsider", ClientTopic.TYPE, id, forged);
        EventsProbe.publish(ClientTopic.NAME, ClientTopic.SOURCE, "portfolio.gateway.SomethingElse.v1", id, forged);
        Map<String, Object> incomplete = data(id, false, 9, 9, created);
        incomplete.remove("version");
        publish(ClientTopic.NAME, incomplete);
        EventsProbe.sendRaw(ClientTopic.NAME, id, "not a cloud event".getBytes(StandardCharsets.UTF_8));
        EventsProbe.sendRaw(ClientTopic.NAME, id, null);
        awaitMarker(ClientTopic.NAME, id);

        assertThat(directory.find(id).get().enabled()).isTrue();
        assertThat(directory.revokedBecause(id, 0)).isEmpty();
    }

    @Test
    void aChangeWithoutDataIsIgnoredAndOneWithNullElementsIsReadWithoutThem() {
        // review of 2026-12-05 (M1): "data": null or a null role made every service's directory reread the topic from
        // the beginning for ever, stopping at that record: no later disable or rotation was ever applied
        String id = "cl_" + UUID.randomUUID();
        Instant created = Instant.now();
        publish(ClientTopic.NAME, data(id, true, 0, 0, created));
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).isPresent());

        EventsProbe.publish(ClientTopic.NAME, ClientTopic.SOURCE, ClientTopic.TYPE, id, null);
        Map<String, Object> disabled = data(id, false, 1, 1, created);
        disabled.put("roles", java.util.Arrays.asList("SIS", null));
        disabled.put("schools", java.util.Arrays.asList((Object) null));
        publish(ClientTopic.NAME, disabled);
        awaitMarker(ClientTopic.NAME, id);

        ClientEntry entry = directory.find(id).orElseThrow();
        assertThat(entry.enabled()).isFalse();
        assertThat(entry.roles()).containsExactly("SIS");
        assertThat(entry.schools()).isEmpty();
    }

    @Test
    void theDirectoryCreatesItsTopicCompactedAndRetainedForever() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, ClientTopic.NAME);
        Config config = kafka.admin().describeConfigs(Set.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic);
        assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(config.get("retention.ms").value()).isEqualTo("-1");
        assertThat(config.get("segment.ms").value()).isEqualTo("3600000");
        assertThat(config.get("min.cleanable.dirty.ratio").value()).isEqualTo("0.1");
    }

    @Test
    void readinessReportsTheDirectory() {
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("client-directory"));
    }

    @Test
    void aNewReaderIsCaughtUpOnlyOnceItHasReadEveryChangePublishedBeforeItStarted() throws Exception {
        String topic = "clients-test-" + UUID.randomUUID();
        kafka.admin().createTopics(Set.of(new NewTopic(topic, 3, (short) 1))).all().get(10, TimeUnit.SECONDS);
        Instant created = Instant.now();
        // a producer of its own (not the application's idempotent one, which another test's broker restart may
        // have left with sequence numbers the broker no longer expects)
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int v = 0; v < 4; v++) {
                for (int c = 0; c < 60; c++) {
                    sent.add(producer.send(new ProducerRecord<>(topic, "cl_" + c, cloudEvent(data("cl_" + c, v % 2 == 0, v, v, created)))));
                }
            }
            for (java.util.concurrent.Future<?> s : sent) {
                s.get(60, TimeUnit.SECONDS);
            }
        }
        ClientEntries entries = new ClientEntries();
        ClientTopicFollower f = follower(topic, entries);
        assertThat(f.isCaughtUp()).isFalse();
        Thread t = start(f);
        try {
            assertThat(f.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
            // nothing waited for: caught up means every client is at its last version already
            assertThat(entries.size()).isEqualTo(60);
            for (int c = 0; c < 60; c++) {
                assertThat(entries.find("cl_" + c).get()).extracting(ClientEntry::version, ClientEntry::enabled)
                        .containsExactly(3L, false);
            }
            // and it follows what comes after
            publish(topic, data("cl_7", true, 4, 4, created));
            await().atMost(Duration.ofSeconds(15)).until(() -> entries.find("cl_7").get().version() == 4);
        } finally {
            f.stop();
            t.join(5_000);
        }
    }

    @Test
    void aReaderStartedWhileTheBrokerIsDownIsNotCaughtUpUntilItIsBackWhileARunningDirectoryKeepsItsState()
            throws Exception {
        String id = "cl_" + UUID.randomUUID();
        publish(ClientTopic.NAME, data(id, false, 1, 1, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> directory.find(id).isPresent());

        ClientEntries entries = new ClientEntries();
        ClientTopicFollower f = follower(ClientTopic.NAME, entries);
        Thread t;
        InfraControl.stopBroker();
        try {
            t = start(f);
            assertThat(f.awaitCaughtUp(Duration.ofSeconds(4))).as("caught up without a broker").isFalse();
            assertThat(directory.ready()).as("the running directory keeps its last known state").isTrue();
            assertThat(directory.revokedBecause(id, 1)).contains("the client is disabled");
        } finally {
            InfraControl.startBroker();
        }
        try {
            assertThat(f.awaitCaughtUp(Duration.ofSeconds(90))).isTrue();
            assertThat(entries.find(id)).get().extracting(ClientEntry::enabled).isEqualTo(false);
        } finally {
            f.stop();
            t.join(5_000);
        }
    }

    /** A structured CloudEvent as the gateway's relay writes it (one producer for many records). */
    private static byte[] cloudEvent(Map<String, Object> data) throws Exception {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", UUID.randomUUID().toString());
        ce.put("source", ClientTopic.SOURCE);
        ce.put("type", ClientTopic.TYPE);
        ce.put("subject", data.get("clientId"));
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        return JSON.writeValueAsBytes(ce);
    }

    private ClientTopicFollower follower(String topic, ClientEntries entries) {
        return new ClientTopicFollower(kafka::admin, () -> kafka.newAssignedConsumer("test-follower-" + UUID.randomUUID()),
                topic, 3, (short) 1, entries);
    }

    private static Thread start(ClientTopicFollower f) {
        Thread t = new Thread(f, "test-follower");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
