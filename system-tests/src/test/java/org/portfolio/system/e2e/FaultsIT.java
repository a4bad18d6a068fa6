package org.portfolio.system.e2e;

import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.portfolio.system.PortfolioStack;
import org.portfolio.system.gateway.RunningStack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.portfolio.system.e2e.District.benchmark;
import static org.portfolio.system.e2e.District.provision;

/**
 * The faults, on the shared stack after the stories: the broker stopped mid-story, a consumer service killed
 * with SIGKILL mid-batch, a poison event on a topic. Each ends with every effect there exactly once.
 */
@ExtendWith(RunningStack.class)
@Order(Integer.MAX_VALUE - 1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    /** Reconnecting to a restarted broker or restarting a JVM on a loaded machine takes a while. */
    static final Duration RECOVERY = Duration.ofMinutes(3);
    /** How long an exactly-once count must hold (a late duplicate would show in it). */
    static final Duration SETTLED = Duration.ofSeconds(3);

    private final District district;
    private final PortfolioStack stack;

    FaultsIT(RunningStack.Stack running) {
        this.stack = running.stack();
        this.district = new District(stack);
    }

    /** A school with an ACTIVE contract whose ELA benchmark guards PEOPLE, and PEOPLE granted. */
    private record Guarded(District.School school, UUID contract) {
    }

    private Guarded guardedSchool() throws Exception {
        District.School school = district.openSchool(district.oversightBody());
        UUID contract = district.activeContract(school.id(),
                List.of(provision("PEOPLE", "FULL_WITH_EXPECTATIONS", List.of("HIRE_TEACHERS"), null)),
                List.of(benchmark("ELA_PROFICIENCY", "GTE", 40, District.schoolYear(0), "ACADEMIC", List.of("PEOPLE"),
                        "NOTICE_OF_CONCERN", true)));
        return new Guarded(school, contract);
    }

    @Test
    @Order(1)
    void withTheBrokerStoppedTheApisKeepAnsweringAndAfterItsRestartTheChainCompletesExactlyOnce() throws Exception {
        Guarded g = guardedSchool();
        district.awaitGrant(g.school().id(), "PEOPLE", "ACTIVE");
        String sis = district.client("SIS", g.school().id());
        String oversight = district.oversight();
        UUID body = district.oversightBody();

        infra("kafka-stop");
        District.School registeredDuringOutage;
        try {
            // writes succeed (their events wait in the outboxes) and reads answer
            District.postAssessments(district, sis, District.elaResults(g.school().id(), District.schoolYear(0), 12, 2));
            registeredDuringOutage = district.registerSchool(body);
            assertThat(district.as(oversight).get("/api/contracts/{id}/scorecard", g.contract()).statusCode()).isEqualTo(200);
            assertThat(district.decisionRights(g.school().id(), "HIRE_TEACHERS").statusCode()).isEqualTo(200);
            assertThat(district.as(oversight).get("/api/enrollment/schools").statusCode()).isEqualTo(200);
        } finally {
            infra("kafka-start");
        }

        await("the chain completes after the broker's restart").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> "REVOKED".equals(district.grantStatus(g.school().id(), "PEOPLE")));
        EnrollmentRoundIT.awaitListed(district, district.enrollmentOfficer(), registeredDuringOutage.id());
        assertExactlyOnce(g, oversight);
    }

    @Test
    @Order(2)
    void aConsumerServiceKilledMidBatchAndRestartedAppliesEveryEventOnceAndLosesNone() throws Exception {
        List<Guarded> schools = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            schools.add(guardedSchool());
        }
        for (Guarded g : schools) {
            district.awaitGrant(g.school().id(), "PEOPLE", "ACTIVE");
        }
        String sis = district.client(List.of("SIS"), schools.stream().map(g -> g.school().id()).toList());
        String oversight = district.oversight();

        // one SIS upload misses every school's benchmark: a batch of evaluations for autonomy-service …
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Guarded g : schools) {
            rows.addAll(District.elaResults(g.school().id(), District.schoolYear(0), 12, 1));
        }
        District.postAssessments(district, sis, rows);
        // … which is killed while it works through it
        long pid = stack.pid("autonomy-service").orElseThrow();
        ProcessHandle autonomy = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("autonomy-service is not running"));
        boolean killed = autonomy.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no commit
        assertThat(killed).isTrue();
        autonomy.onExit().get();
        long revokedAtKill = 0;
        for (Guarded g : schools) {
            revokedAtKill += "REVOKED".equals(safeGrantStatus(g)) ? 1 : 0;
        }
        System.out.printf("[e2e] autonomy-service (pid %d) SIGKILLed with %d of %d schools revoked as seen before the kill%n",
                pid, revokedAtKill, schools.size());

        String up = District.timed("restart with ./portfolio up", () -> {
            try {
                return stack.up();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(up).contains("contracts-service already running").doesNotContain("autonomy-service already running");
        assertThat(stack.pid("autonomy-service").orElseThrow()).isNotEqualTo(pid);

        for (Guarded g : schools) {
            await("school " + g.school().id() + " revoked after the restart").atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> "REVOKED".equals(district.grantStatus(g.school().id(), "PEOPLE")));
        }
        assertExactlyOnce(schools, oversight);
    }

    @Test
    @Order(3)
    void aPoisonEventEndsInTheDeadLetterTopicWithItsErrorAndTheEventsAfterItAreApplied() throws Exception {
        UUID school = UUID.randomUUID();
        String code = "E2E-P" + school.toString().substring(0, 6).toUpperCase();
        byte[] poison = ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"portfolio.contracts."
                + "SchoolRegistered.v1\", this is not JSON").getBytes(StandardCharsets.UTF_8);
        String valid = """
                {"specversion":"1.0","id":"%s","source":"/contracts","type":"portfolio.contracts.SchoolRegistered.v1",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"schoolId":"%s","districtCode":"%s","ncesId":null,"name":"Poison Test School %s","type":"DISTRICT",
                         "grades":["9","10"],"zone":"EAST","oversightBodyId":"%s","status":"OPEN"}}"""
                .formatted(UUID.randomUUID(), school, Instant.now(), school, code, code, UUID.randomUUID());

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.port("kafka"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            // same key = same partition: the valid event comes after the poison one
            ProducerRecord<String, byte[]> bad = new ProducerRecord<>("contracts.events", school.toString(), poison);
            bad.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(bad).get();
            ProducerRecord<String, byte[]> good = new ProducerRecord<>("contracts.events", school.toString(),
                    valid.getBytes(StandardCharsets.UTF_8));
            good.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(good).get();
        }

        // the rest flows: each consumer of contracts.events applied the valid event behind the poison
        String officer = district.enrollmentOfficer();
        EnrollmentRoundIT.awaitListed(district, officer, school);
        district.awaitKnownToAutonomy(school);
        await("performance-service knows the school").atMost(District.EVENTUAL).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> district.as(officer).get("/api/performance/schools").asString().contains(school.toString()));

        // the poison: on contracts.events.dlq, unchanged, with the error headers, once per consumer
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.port("kafka"));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-dlq-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("contracts.events.dlq"));
            long until = System.nanoTime() + District.EVENTUAL.toNanos();
            Instant quietSince = null;
            while (System.nanoTime() < until) {
                int before = dead.size();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (school.toString().equals(r.key())) {
                        dead.add(r);
                    }
                }
                if (dead.size() > before || dead.isEmpty()) {
                    quietSince = Instant.now();
                } else if (Duration.between(quietSince, Instant.now()).compareTo(SETTLED) > 0) {
                    break;
                }
            }
        }
        assertThat(dead).as("the poison record on contracts.events.dlq").isNotEmpty();
        List<String> consumers = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : dead) {
            assertThat(r.value()).as("the original value").isEqualTo(poison);
            assertThat(header(r, "dlq-original-topic")).isEqualTo("contracts.events");
            assertThat(header(r, "dlq-error")).isNotBlank();
            assertThat(header(r, "dlq-error-class")).isNotBlank();
            assertThat(header(r, "dlq-original-offset")).matches("\\d+");
            assertThat(header(r, "content-type")).isEqualTo("application/cloudevents+json");
            consumers.add(header(r, "dlq-consumer"));
        }
        System.out.printf("[e2e] poison dead-lettered by %s: %s%n", consumers, header(dead.get(0), "dlq-error"));
        // every consumer of contracts.events (docs/events.md "Who consumes what") dead-letters it, once
        assertThat(consumers).as("each consumer dead-letters it once")
                .containsExactlyInAnyOrder("school-directory", "school-registry", "contract-events", "change-feed",
                        "school-membership");
    }

    // ---- exactly once, through the APIs

    private void assertExactlyOnce(Guarded g, String oversight) {
        assertExactlyOnce(List.of(g), oversight);
    }

    /**
     * Exactly one evaluation, escalation and revocation for each school, holding for {@link #SETTLED} (a late duplicate
     * would show in it): the schools are watched together, in one window, not one window after the other.
     */
    private void assertExactlyOnce(List<Guarded> schools, String oversight) {
        Map<String, Integer> once = Map.of("contracts:BENCHMARK_EVALUATED", 1, "contracts:INTERVENTION_CHANGED", 1,
                "autonomy:evaluations", 1, "autonomy:REVOKED", 1, "scorecard:REVOKED", 1);
        AtomicReference<String> last = new AtomicReference<>("not read");
        try {
            await("exactly one evaluation, escalation and revocation for each of " + schools.size() + " schools")
                    .atMost(RECOVERY).during(SETTLED).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        for (Guarded g : schools) {
                            Map<String, Integer> counts = counts(g, oversight);
                            if (!counts.equals(once)) {
                                last.set("school " + g.school().id() + ": " + counts);
                                return false;
                            }
                        }
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not exactly once; last seen " + last.get(), e);
        }
    }

    private Map<String, Integer> counts(Guarded g, String oversight) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        List<String> kinds = district.as(oversight).queryParam("size", 200).get("/api/contracts/{id}/history", g.contract())
                .then().statusCode(200).extract().path("items.kind");
        counts.put("contracts:BENCHMARK_EVALUATED", (int) kinds.stream().filter("BENCHMARK_EVALUATED"::equals).count());
        counts.put("contracts:INTERVENTION_CHANGED", (int) kinds.stream().filter("INTERVENTION_CHANGED"::equals).count());
        counts.put("autonomy:evaluations", district.as(oversight).get("/api/autonomy/schools/{id}/benchmark-evaluations", g.school().id())
                .then().statusCode(200).extract().<Integer>path("total"));
        Map<String, Object> grant = district.onlyGrant(g.school().id(), "PEOPLE");
        counts.put("autonomy:REVOKED", (int) district.grantHistory(grant.get("id")).stream()
                .filter(h -> "REVOKED".equals(h.get("action"))).count());
        Response card = district.as(oversight).get("/api/contracts/{id}/scorecard", g.contract());
        counts.put("scorecard:REVOKED", (int) card.<List<String>>path("autonomy.status").stream().filter("REVOKED"::equals).count());
        return counts;
    }

    private String safeGrantStatus(Guarded g) {
        try {
            return district.grantStatus(g.school().id(), "PEOPLE");
        } catch (Exception | AssertionError e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** A command to the infra process's control port (what platform-testing's InfraControl sends). */
    private void infra(String command) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), stack.port("infra-control"));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            s.setSoTimeout(120_000);
            long t0 = System.nanoTime();
            out.println(command);
            String reply = in.readLine();
            System.out.printf("[e2e] infra %s → %s (%d ms)%n", command, reply, (System.nanoTime() - t0) / 1_000_000);
            assertThat(reply).as("infra control reply to " + command).startsWith("ok");
        }
    }
}
