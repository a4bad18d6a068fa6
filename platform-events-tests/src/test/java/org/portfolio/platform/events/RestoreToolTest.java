package org.portfolio.platform.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.portfolio.infra.RestoreTool;
import org.portfolio.testing.RealInfrastructure;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./portfolio rewind} and {@code ./portfolio republish} ({@link RestoreTool}) on this module's real broker and
 * PostgreSQL (RealInfrastructure: the one pair of this test JVM, no start of its own). Plain JUnit: no application.
 */
class RestoreToolTest {

    static String bootstrap;
    static Admin admin;

    @BeforeAll
    static void infrastructure() {
        new RealInfrastructure().start(); // started once per test JVM; the Quarkus tests of this module share it
        bootstrap = RealInfrastructure.bootstrapServers();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    record Run(int code, String out) {
    }

    static Run tool(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = RestoreTool.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Partition 0: ten records a minute apart from {@code base}; partition 1: three, the last at base + 2 min. The
     * instant base + 5.5 min: the first record at or after it is offset 6 of partition 0, none on partition 1 (its end,
     * 3).
     */
    static String topicWithRecordsAt(Instant base) throws Exception {
        String topic = "restore-test-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>(topic, 0, base.plus(i, ChronoUnit.MINUTES).toEpochMilli(), "k", "p0-" + i)).get();
            }
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>(topic, 1, base.plus(i, ChronoUnit.MINUTES).toEpochMilli(), "k", "p1-" + i)).get();
            }
        }
        return topic;
    }

    static void commit(String group, String topic, long p0, long p1) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(
                new TopicPartition(topic, 0), new OffsetAndMetadata(p0),
                new TopicPartition(topic, 1), new OffsetAndMetadata(p1))).all().get(30, TimeUnit.SECONDS);
    }

    static Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> out = new java.util.HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, om) -> out.put(tp, om.offset()));
        return out;
    }

    static KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"));
    }

    @Test
    void aDryRunShowsTheOffsetsAtTheInstantAndChangesNothingAndExecuteMovesTheGroupBackButNeverForward() throws Exception {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String topic = topicWithRecordsAt(base);
        String caughtUp = "autonomy.rewind-" + UUID.randomUUID();  // the service's group: <service>.<handler>
        String behind = "autonomy.behind-" + UUID.randomUUID();    // one that had not read as far as the instant
        String otherService = "contracts.rewind-" + UUID.randomUUID();
        commit(caughtUp, topic, 10, 3);
        commit(behind, topic, 2, 1);
        commit(otherService, topic, 10, 3);
        String at = base.plusSeconds(330).toString();

        Run dry = tool("rewind", bootstrap, "autonomy-service", at);
        assertThat(dry.code()).as(dry.out()).isZero();
        assertThat(dry.out()).contains(caughtUp, behind).doesNotContain(otherService)
                .containsPattern(topic + "-0\\s+10 -> 6\\s+4 record\\(s\\) read again")
                .containsPattern(topic + "-1\\s+3 -> 3\\s+unchanged: no record since the instant")
                .containsPattern(topic + "-0\\s+2 -> 2\\s+unchanged: it has not read as far as the instant")
                .contains("Dry run: nothing changed");
        assertThat(committed(caughtUp)).containsEntry(new TopicPartition(topic, 0), 10L)
                .containsEntry(new TopicPartition(topic, 1), 3L);

        Run done = tool("rewind", bootstrap, "autonomy", at, "--execute");
        assertThat(done.code()).as(done.out()).isZero();
        assertThat(done.out()).contains("Moved");
        assertThat(committed(caughtUp)).containsEntry(new TopicPartition(topic, 0), 6L)
                .containsEntry(new TopicPartition(topic, 1), 3L);
        assertThat(committed(behind)).containsEntry(new TopicPartition(topic, 0), 2L)
                .containsEntry(new TopicPartition(topic, 1), 1L);
        assertThat(committed(otherService)).containsEntry(new TopicPartition(topic, 0), 10L);

        // a consumer of that group reads again from the first record at or after the instant
        try (KafkaConsumer<String, String> c = consumer(caughtUp)) {
            c.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 4 && System.nanoTime() < until) {
                c.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("p0-6", "p0-7", "p0-8", "p0-9");
            assertThat(read.get(0).timestamp()).isGreaterThanOrEqualTo(Instant.parse(at).toEpochMilli());
        }

        Run again = tool("rewind", bootstrap, "autonomy", at, "--execute");
        assertThat(again.code()).isZero();
        assertThat(again.out()).containsPattern(topic + "-0\\s+6 -> 6\\s+unchanged: already at the instant")
                .contains("Nothing to move");
    }

    /**
     * Hostile review of the seventeenth pass (M3): a dead letter of the group's handler whose original record the rewind
     * makes the group read again is tried again, and applied after newer events of its school if its cause was fixed;
     * the dry run lists it, {@code --execute} is refused unless {@code --include-dead-letters}. Letters outside the
     * range, or of another handler, are not listed.
     */
    @Test
    void deadLettersInTheRangeReadAgainAreListedAndRefusedUnlessIncluded() throws Exception {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String topic = topicWithRecordsAt(base);
        String handler = "dead-" + UUID.randomUUID();
        String group = "performance." + handler;
        commit(group, topic, 10, 3);
        admin.createTopics(List.of(new NewTopic(topic + ".dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            // {consumer, original offset on partition 0}: in the range read again (6..9), before it, another handler's
            // the range read again is [6, 10): its first offset and one inside it are listed, its end and before it not
            for (Object[] l : new Object[][] {{handler, 7}, {handler, 6}, {handler, 10}, {handler, 3}, {"someone-else", 8}}) {
                ProducerRecord<String, String> r = new ProducerRecord<>(topic + ".dlq", 0, "k",
                        "{\"id\":\"ev-" + l[0] + "-" + l[1] + "\",\"type\":\"portfolio.contracts.BenchmarkEvaluated.v1\"}");
                r.headers().add("dlq-consumer", ((String) l[0]).getBytes(StandardCharsets.UTF_8))
                        .add("dlq-original-topic", topic.getBytes(StandardCharsets.UTF_8))
                        .add("dlq-original-partition", "0".getBytes(StandardCharsets.UTF_8))
                        .add("dlq-original-offset", String.valueOf(l[1]).getBytes(StandardCharsets.UTF_8))
                        .add("dlq-time", base.toString().getBytes(StandardCharsets.UTF_8));
                p.send(r).get();
            }
        }
        String at = base.plusSeconds(330).toString();

        Run dry = tool("rewind", bootstrap, "performance", at);
        assertThat(dry.code()).as(dry.out()).isZero();
        assertThat(dry.out()).contains("Dead letters in the records read again (2)")
                .contains("ev-" + handler + "-7").contains(topic + "-0@7").contains("ev-" + handler + "-6")
                .doesNotContain("ev-" + handler + "-10").doesNotContain("ev-" + handler + "-3").doesNotContain("ev-someone-else-8")
                .contains("--include-dead-letters");

        Run refused = tool("rewind", bootstrap, "performance", at, "--execute");
        assertThat(refused.code()).as(refused.out()).isEqualTo(RestoreTool.REFUSED);
        assertThat(refused.out()).contains("Refused: 2 dead letter(s) would be tried again");
        assertThat(committed(group)).containsEntry(new TopicPartition(topic, 0), 10L);

        Run done = tool("rewind", bootstrap, "performance", at, "--execute", "--include-dead-letters");
        assertThat(done.code()).as(done.out()).isZero();
        assertThat(committed(group)).containsEntry(new TopicPartition(topic, 0), 6L);
    }

    @Test
    void aGroupWithAnActiveMemberIsRefusedDryRunOrNot() throws Exception {
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String topic = topicWithRecordsAt(base);
        String group = "enrollment.rewind-" + UUID.randomUUID();
        commit(group, topic, 10, 3);
        String at = base.plusSeconds(330).toString();
        try (KafkaConsumer<String, String> running = consumer(group)) {
            running.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (running.assignment().isEmpty() && System.nanoTime() < until) {
                running.poll(Duration.ofMillis(200));
            }
            assertThat(running.assignment()).isNotEmpty();
            for (String[] args : List.of(new String[] {"rewind", bootstrap, "enrollment-service", at},
                    new String[] {"rewind", bootstrap, "enrollment-service", at, "--execute"})) {
                Run refused = tool(args);
                assertThat(refused.code()).as(refused.out()).isEqualTo(RestoreTool.REFUSED);
                assertThat(refused.out()).contains("Refused: " + group).contains("Stop enrollment-service first");
            }
            assertThat(committed(group)).containsEntry(new TopicPartition(topic, 0), 10L);
        }
    }

    @Test
    void aBadInstantAnInstantInTheFutureAndAnUnknownServiceAreRefused() throws Exception {
        Run bad = tool("rewind", bootstrap, "contracts", "yesterday");
        assertThat(bad.code()).isEqualTo(RestoreTool.USAGE);
        assertThat(bad.out()).contains("'yesterday' is not an ISO-8601 instant");
        Run noZone = tool("republish", RealInfrastructure.jdbcUrl(), "contracts", "2026-01-01T10:00:00");
        assertThat(noZone.code()).isEqualTo(RestoreTool.USAGE);
        Run future = tool("rewind", bootstrap, "contracts", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        assertThat(future.code()).isEqualTo(RestoreTool.USAGE);
        assertThat(future.out()).contains("is in the future");
        Run unknown = tool("rewind", bootstrap, "payroll-service", "2026-01-01T10:00:00Z");
        assertThat(unknown.code()).isEqualTo(RestoreTool.USAGE);
        assertThat(unknown.out()).contains("unknown service 'payroll-service'")
                .contains("contracts-service, autonomy-service, performance-service, enrollment-service, "
                        + "integration-service, edfi-service, gateway");
        assertThat(tool("rewind", bootstrap).code()).isEqualTo(RestoreTool.USAGE);
    }

    @Test
    void noGroupsIsNothingToRewind() throws Exception {
        Run none = tool("rewind", bootstrap, "edfi", Instant.now().minusSeconds(60).toString(), "--execute");
        assertThat(none.code()).as(none.out()).isZero();
        assertThat(none.out()).contains("No consumer groups of edfi-service");
    }

    // --------------------------------------------------------------------------------------------- republish

    /** The server's URL without a database: the tool appends the service's. */
    static String server() {
        String url = RealInfrastructure.jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1);
    }

    static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(server() + db, "postgres", "postgres");
    }

    static long count(String sql) throws Exception {
        try (Connection c = connect("gateway"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** A closed connection's backend leaves pg_stat_activity a moment later: the tool would count it. */
    static void awaitNoConnections(String db) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where datname = '" + db + "'")) {
                    r.next();
                    if (r.getLong(1) == 0 || System.nanoTime() > until) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    static Run republish(String... args) throws Exception {
        awaitNoConnections("gateway");
        return tool(args);
    }

    @Test
    void republishClearsSentAtOfTheRowsSentAfterTheInstantOnlyWithExecuteAndOnlyWhileNothingElseIsConnected() throws Exception {
        // the gateway's database, with platform-events' own migrations (this test JVM's PostgreSQL has only "portfolio")
        try (Connection c = connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            s.execute("drop database if exists gateway");
            s.execute("create database gateway");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = connect("gateway"); Statement s = c.createStatement()) {
            for (String m : List.of("V0_1__event_backbone.sql", "V0_2__outbox_seq_drawn_by_the_database.sql")) {
                try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/backbone/" + m)) {
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            // {occurred, sent} minutes ago: sent 3 h, 2 h and 1 h ago and 10 min ago; one that occurred before the instant
            // but was sent after it (the relay was behind: it counts, by when it was sent); one not sent yet
            for (Integer[] row : new Integer[][] {{180, 180}, {120, 120}, {100, 30}, {60, 60}, {10, 10}, {5, null}}) {
                Instant occurred = now.minus(row[0], ChronoUnit.MINUTES);
                s.execute("insert into outbox_event (id, aggregate_type, aggregate_id, type, topic, message_key, occurred_at, "
                        + "payload, sent_at) values ('" + UUID.randomUUID() + "', 'School', 's1', 'portfolio.gateway.X.v1', "
                        + "'gateway.events', 's1', '" + occurred.atOffset(ZoneOffset.UTC) + "', '{}', "
                        + (row[1] != null ? "'" + now.minus(row[1], ChronoUnit.MINUTES).plusSeconds(1).atOffset(ZoneOffset.UTC) + "'"
                        : "null") + ")");
            }
        }
        String at = now.minus(90, ChronoUnit.MINUTES).toString();

        Run dry = republish("republish", server(), "gateway", at);
        assertThat(dry.code()).as(dry.out()).isZero();
        assertThat(dry.out()).contains("3 event(s) sent after " + at).contains("Dry run: nothing changed");
        assertThat(count("select count(*) from outbox_event where sent_at is null")).isEqualTo(1);

        try (Connection running = connect("gateway")) { // the service, as the tool sees it
            Run refused = tool("republish", server(), "gateway", at, "--execute");
            assertThat(refused.code()).as(refused.out()).isEqualTo(RestoreTool.REFUSED);
            assertThat(refused.out()).contains("Stop gateway first");
        }
        assertThat(count("select count(*) from outbox_event where sent_at is null")).isEqualTo(1);

        Run done = republish("republish", server(), "gateway", at, "--execute");
        assertThat(done.code()).as(done.out()).isZero();
        assertThat(done.out()).contains("Reset 3 event(s)");
        assertThat(count("select count(*) from outbox_event where sent_at is null")).isEqualTo(4);
        assertThat(count("select count(*) from outbox_event where sent_at is null and occurred_at < '" + at + "'"))
                .as("the one that occurred before the instant and was sent after it").isEqualTo(1);

        Run missing = tool("republish", server(), "edfi", at);
        assertThat(missing.code()).isEqualTo(RestoreTool.REFUSED);
        assertThat(missing.out()).contains("no database edfi");
        try (Connection c = connect(RealInfrastructure.DATABASE); Statement s = c.createStatement()) {
            s.execute("drop database gateway with (force)");
        }
    }
}
