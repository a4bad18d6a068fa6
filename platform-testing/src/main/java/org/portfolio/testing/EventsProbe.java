package org.portfolio.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads and writes the real broker from tests: every record on a topic (as CloudEvents where they are), waits
 * for an event, publishes a CloudEvent as another service would, or raw bytes as a broken producer would.
 */
public final class EventsProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventsProbe() {
    }

    /** A record read from a topic; the CloudEvents attributes are null when the value is not one. */
    public record Received(String topic, int partition, long offset, String key, Map<String, String> headers,
                           String id, String type, String source, String subject, String time, JsonNode data,
                           JsonNode envelope, byte[] value) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    /** Everything on the topic right now, in partition and offset order. */
    public static List<Received> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> c = consumer()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            List<Received> out = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (parts.stream().anyMatch(p -> c.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(toReceived(r));
                }
            }
            return out;
        }
    }

    /** Waits until the topic holds an event that matches, and returns it. */
    public static Received await(String topic, Predicate<Received> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Received r : readAll(topic)) {
                if (match.test(r)) {
                    return r;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching event on " + topic + " within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static List<Received> ofType(String topic, String type) {
        return readAll(topic).stream().filter(r -> type.equals(r.type())).toList();
    }

    /** Publishes a structured-mode CloudEvent, as the owning service's relay would; returns its id. */
    public static String publish(String topic, String source, String type, String subject, Object data) {
        return publish(topic, UUID.randomUUID().toString(), source, type, subject, data);
    }

    public static String publish(String topic, String id, String source, String type, String subject, Object data) {
        Map<String, Object> ce = new LinkedHashMap<>();
        ce.put("specversion", "1.0");
        ce.put("id", id);
        ce.put("source", source);
        ce.put("type", type);
        if (subject != null) {
            ce.put("subject", subject);
        }
        ce.put("time", Instant.now().toString());
        ce.put("datacontenttype", "application/json");
        ce.put("data", data);
        try {
            sendRaw(topic, subject == null ? id : subject, JSON.writeValueAsBytes(ce));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return id;
    }

    /** Publishes arbitrary bytes (e.g. a poison record). */
    public static void sendRaw(String topic, String key, byte[] value) {
        Map<String, Object> p = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        RealInfrastructure.ensureStarted();
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false));
    }

    private static Received toReceived(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        JsonNode env = null;
        try {
            env = r.value() == null ? null : JSON.readTree(r.value());
        } catch (Exception ignored) {
            // not JSON: a raw record
        }
        boolean ce = env != null && env.isObject() && env.has("specversion");
        return new Received(r.topic(), r.partition(), r.offset(), r.key(), headers,
                ce ? text(env, "id") : null, ce ? text(env, "type") : null, ce ? text(env, "source") : null,
                ce ? text(env, "subject") : null, ce ? text(env, "time") : null, ce ? env.get("data") : null,
                ce ? env : null, r.value());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
