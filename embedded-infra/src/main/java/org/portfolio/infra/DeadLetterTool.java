package org.portfolio.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Reads the dead-letter topics and puts one dead letter back on the topic it came from ({@code ./portfolio dlq};
 * docs/architecture.md, "Putting a dead letter back"). Before this a dead letter could only be read with Kafka's own tools, and nothing put one
 * back (review of 2026-12-05, seventh pass).
 * <p>
 * A replay sends the original key, value and headers (not the {@code dlq-*} ones) to the partition the event came from
 * (not the one its key hashes to now, if partitions were added since), so the event keeps its id: a consumer
 * that has applied it since skips it (its inbox), one that has not applies it. It is refused when the original topic
 * has a later event with the same key (the same school, mostly): applied after that one, the old event could undo it
 * (a MISSED replayed after the MET that followed it would revoke autonomy again), and when the original is no longer
 * on its topic (aged out: nothing then proves that no later event existed); {@code --force} replays anyway. Refused
 * whatever: a dead letter whose value was too large to copy (the original is at its topic, partition and offset), and
 * one whose original topic or partition no longer exists. Every read gives up after {@link #DEADLINE}.
 * <p>
 * The header names are platform-events' {@code DeadLetters} ones (this module is below it).
 */
public final class DeadLetterTool {

    static final String H_CONSUMER = "dlq-consumer";
    static final String H_ERROR = "dlq-error";
    static final String H_TOPIC = "dlq-original-topic";
    static final String H_PARTITION = "dlq-original-partition";
    static final String H_OFFSET = "dlq-original-offset";
    static final String H_TIME = "dlq-time";
    static final String H_VALUE_DROPPED = "dlq-value-dropped";
    private static final String DLQ_SUFFIX = ".dlq";
    private static final Duration POLL = Duration.ofMillis(500);
    static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One dead letter, as listed (never its payload). */
    public record Letter(String topic, int partition, long offset, String eventId, String type, String subject,
                         String consumer, String error, String originalTopic, int originalPartition, long originalOffset,
                         String time, boolean valueDropped) {
    }

    public enum Outcome { REPLAYED, REFUSED_LATER_EVENT, REFUSED_ORIGINAL_GONE, REFUSED_VALUE_DROPPED, REFUSED_FOREIGN,
        NOT_FOUND }

    public record Replay(Outcome outcome, String detail) {
    }

    private static final java.util.regex.Pattern OWNED = java.util.regex.Pattern.compile("([a-z][a-z0-9-]{0,60})\\.events");

    private final String bootstrap;
    private final Map<String, Object> client;

    public DeadLetterTool(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /**
     * @param client Kafka client settings added to every connection: what a broker with authentication needs
     *               ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}; compose's listener
     *               is SASL_PLAINTEXT, which the tool could not reach before: twenty-seventh pass, G2)
     */
    public DeadLetterTool(String bootstrap, Map<String, Object> client) {
        this.bootstrap = bootstrap;
        this.client = Map.copyOf(client);
    }

    private Map<String, Object> config(Map<String, Object> own) {
        Map<String, Object> all = new java.util.HashMap<>(client);
        all.putAll(own);
        return all;
    }

    public static void main(String[] given) throws Exception {
        List<String> rest = new ArrayList<>(List.of(given));
        Map<String, Object> client = new java.util.HashMap<>();
        int at = rest.indexOf("--command-config");
        if (at >= 0) {
            if (at + 1 >= rest.size()) {
                usage();
            }
            java.util.Properties p = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(rest.get(at + 1)))) {
                p.load(in);
            }
            p.forEach((k, v) -> client.put(String.valueOf(k), v));
            rest.remove(at + 1);
            rest.remove(at);
        }
        String[] args = rest.toArray(String[]::new);
        if (args.length < 2 || !(args[1].equals("list") || args[1].equals("replay"))) {
            usage();
        }
        DeadLetterTool tool = new DeadLetterTool(args[0], client);
        if (args[1].equals("list")) {
            List<String> topics = args.length > 2 ? List.of(args[2]) : tool.deadLetterTopics();
            int n = 0;
            for (String t : topics) {
                for (Letter l : tool.list(t)) {
                    n++;
                    System.out.printf("%s %d %d  event %s %s (%s)  from %s-%d@%d  consumer %s at %s%n    error: %s%s%n",
                            l.topic(), l.partition(), l.offset(), l.eventId(), l.type(), l.subject(), l.originalTopic(),
                            l.originalPartition(), l.originalOffset(), l.consumer(), l.time(), l.error(),
                            l.valueDropped() ? "\n    (value too large to copy: read it at its original topic and offset)" : "");
                }
            }
            System.out.println(n + " dead letter(s) in " + topics.size() + " topic(s)");
            return;
        }
        if (args.length < 5) {
            usage();
        }
        Replay r = tool.replay(args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]),
                args.length > 5 && args[5].equals("--force"));
        System.out.println(r.outcome() + ": " + r.detail());
        if (r.outcome() != Outcome.REPLAYED) {
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("usage: DeadLetterTool <bootstrap> [--command-config <client.properties>] list [<topic>.dlq]\n"
                + "       DeadLetterTool <bootstrap> [--command-config <client.properties>] replay <topic>.dlq <partition> "
                + "<offset> [--force]");
        System.exit(2);
    }

    public List<String> deadLetterTopics() throws Exception {
        try (Admin admin = Admin.create(config(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))) {
            return new ArrayList<>(new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.endsWith(DLQ_SUFFIX)).toList()));
        }
    }

    /** Every dead letter of one dead-letter topic, oldest first per partition. */
    public List<Letter> list(String dlqTopic) {
        List<Letter> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<TopicPartition> parts = c.partitionsFor(dlqTopic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(dlqTopic, p.partition())).toList();
            readAll(c, parts, r -> out.add(letter(r)));
        }
        return out;
    }

    /** Puts the dead letter at {@code partition}/{@code offset} of {@code dlqTopic} back on its original topic. */
    public Replay replay(String dlqTopic, int partition, long offset, boolean force) throws Exception {
        ConsumerRecord<String, byte[]> dead = at(new TopicPartition(dlqTopic, partition), offset);
        if (dead == null) {
            return new Replay(Outcome.NOT_FOUND, "no record at " + dlqTopic + "-" + partition + "@" + offset);
        }
        Letter l = letter(dead);
        String foreign = foreign(dlqTopic, l, dead);
        if (foreign != null) {
            return new Replay(Outcome.REFUSED_FOREIGN, foreign);
        }
        if (l.valueDropped() || dead.value() == null) {
            return new Replay(Outcome.REFUSED_VALUE_DROPPED, "its value was too large to copy; the original is at "
                    + l.originalTopic() + "-" + l.originalPartition() + "@" + l.originalOffset());
        }
        TopicPartition original = new TopicPartition(l.originalTopic(), l.originalPartition());
        Long first;
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            if (l.originalTopic() == null || c.partitionsFor(original.topic(), Duration.ofSeconds(30)).stream()
                    .noneMatch(p -> p.partition() == original.partition())) {
                return new Replay(Outcome.REFUSED_ORIGINAL_GONE, "its original topic or partition (" + l.originalTopic()
                        + "-" + l.originalPartition() + ") no longer exists");
            }
            first = c.beginningOffsets(List.of(original)).get(original);
        }
        boolean aged = first != null && l.originalOffset() < first;
        if (!force && aged) {
            return new Replay(Outcome.REFUSED_ORIGINAL_GONE, "the original (" + original + "@" + l.originalOffset()
                    + ") is no longer on its topic (it keeps offsets from " + first + "): whether a later event about "
                    + dead.key() + " was published cannot be told, nor whether this letter is a copy of it. Replay with "
                    + "--force once you have checked both");
        }
        if (!aged) {
            // a letter is a copy of a record its topic's owner published: the same key and the same bytes at the offset
            // it names. A reader of the topic may write its dead-letter topic, and a letter forged with the owner's
            // type and source passed the origin check (the pass's own read, D1)
            ConsumerRecord<String, byte[]> published = at(original, l.originalOffset());
            if (published == null || !java.util.Objects.equals(published.key(), dead.key())
                    || !java.util.Arrays.equals(published.value(), dead.value())) {
                return new Replay(Outcome.REFUSED_FOREIGN, "it is not a copy of the record at " + original + "@"
                        + l.originalOffset() + " (" + (published == null ? "no such record" : "another key or value")
                        + "): not put back");
            }
        }
        if (!force && dead.key() != null) {
            ConsumerRecord<String, byte[]> later = laterWithKey(original, l.originalOffset(), dead.key(), l.eventId());
            if (later != null) {
                Letter newer = letter(later);
                return new Replay(Outcome.REFUSED_LATER_EVENT, "event " + newer.eventId() + " (" + newer.type() + ") about "
                        + dead.key() + " was published after it (" + l.originalTopic() + "-" + later.partition() + "@"
                        + later.offset() + "); replayed after it, the old event could undo it. Replay with --force "
                        + "once you have checked it cannot");
            }
        }
        ProducerRecord<String, byte[]> back = new ProducerRecord<>(l.originalTopic(), l.originalPartition(), dead.key(),
                dead.value());
        for (Header h : dead.headers()) {
            if (!h.key().startsWith("dlq-")) {
                back.headers().add(h);
            }
        }
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all")))) {
            var meta = p.send(back).get(30, TimeUnit.SECONDS);
            return new Replay(Outcome.REPLAYED, "event " + l.eventId() + " (" + l.type() + ") put back on "
                    + meta.topic() + "-" + meta.partition() + "@" + meta.offset());
        }
    }

    /**
     * Why the letter may not go where it says, or null. Every reader of a topic may write its dead-letter topic, so a
     * letter's own headers are not believed: it goes back only to the topic its dead-letter topic is named after, and
     * only as an event that topic's owner publishes (its type {@code portfolio.<owner>.*} and source {@code /<owner>},
     * what every consumer checks); {@code --force} does not change this. A letter planted on {@code contracts.events.dlq}
     * naming {@code gateway.clients} (a forged client change) or a forged {@code BenchmarkEvaluated} was put back with
     * the operator's rights (twenty-seventh pass, G2).
     */
    static String foreign(String dlqTopic, Letter l, ConsumerRecord<String, byte[]> dead) {
        String home = dlqTopic.endsWith(DLQ_SUFFIX) ? dlqTopic.substring(0, dlqTopic.length() - DLQ_SUFFIX.length()) : null;
        if (home == null || !home.equals(l.originalTopic())) {
            return "it says it came from " + l.originalTopic() + ", but it is on " + dlqTopic + ", which holds the dead "
                    + "letters of " + home + " only: not put back";
        }
        java.util.regex.Matcher m = OWNED.matcher(home);
        if (!m.matches()) {
            return home + " belongs to no service: its dead letters are not put back";
        }
        String owner = m.group(1);
        String source = null;
        try {
            source = dead.value() == null ? null : text(JSON.readTree(dead.value()), "source");
        } catch (Exception notJson) {
            // not an event: refused below
        }
        if (l.type() == null || !l.type().startsWith("portfolio." + owner + ".") || !("/" + owner).equals(source)) {
            return "it is not an event " + owner + " publishes (type " + l.type() + ", source " + source + "): not put back "
                    + "on " + home;
        }
        return null;
    }

    private ConsumerRecord<String, byte[]> at(TopicPartition tp, long offset) {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            if (c.partitionsFor(tp.topic(), Duration.ofSeconds(30)).stream().noneMatch(p -> p.partition() == tp.partition())) {
                return null; // no such topic or partition (assigning one would wait a minute for it)
            }
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            if (offset < c.beginningOffsets(List.of(tp)).get(tp) || offset >= end) {
                return null;
            }
            c.seek(tp, offset);
            long until = System.nanoTime() + DEADLINE.toNanos();
            while (c.position(tp) <= offset) {
                deadline(until);
                for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    if (r.offset() > offset) {
                        return null; // compacted or deleted
                    }
                }
            }
            return null;
        }
    }

    /** The first record after {@code after} with this key that is not the same event (put back before). */
    private ConsumerRecord<String, byte[]> laterWithKey(TopicPartition tp, long after, String key, String eventId) {
        ConsumerRecord<String, byte[]>[] found = new ConsumerRecord[1];
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            if (after + 1 >= end) {
                return null;
            }
            c.seek(tp, after + 1);
            long until = System.nanoTime() + DEADLINE.toNanos();
            while (found[0] == null && c.position(tp) < end) {
                deadline(until);
                for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                    if (key.equals(r.key()) && (eventId == null || !eventId.equals(letter(r).eventId()))) {
                        found[0] = r;
                        break;
                    }
                }
            }
        }
        return found[0];
    }

    private static void readAll(KafkaConsumer<String, byte[]> c, List<TopicPartition> parts,
                                java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        c.assign(parts);
        Map<TopicPartition, Long> end = c.endOffsets(parts);
        c.seekToBeginning(parts);
        long until = System.nanoTime() + DEADLINE.toNanos();
        while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
            deadline(until);
            c.poll(POLL).forEach(sink);
        }
    }

    private static void deadline(long until) {
        if (System.nanoTime() > until) {
            throw new IllegalStateException("gave up after " + DEADLINE.toMinutes() + " minutes: is the broker reachable?");
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(config(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                // an offset the topic no longer holds is an error, never a silent jump to its end (which would let the
                // later-event guard see nothing)
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")));
    }

    private static Letter letter(ConsumerRecord<String, byte[]> r) {
        JsonNode env = null;
        try {
            env = r.value() == null ? null : JSON.readTree(r.value());
        } catch (Exception notJson) {
            // a raw record (what made it poison, perhaps)
        }
        return new Letter(r.topic(), r.partition(), r.offset(), text(env, "id"), text(env, "type"), text(env, "subject"),
                header(r, H_CONSUMER), header(r, H_ERROR), header(r, H_TOPIC),
                parseInt(header(r, H_PARTITION)), parseLong(header(r, H_OFFSET)), header(r, H_TIME),
                header(r, H_VALUE_DROPPED) != null);
    }

    private static String text(JsonNode env, String field) {
        JsonNode v = env == null || !env.isObject() ? null : env.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
