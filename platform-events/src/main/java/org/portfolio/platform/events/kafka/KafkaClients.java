package org.portfolio.platform.events.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.portfolio.platform.events.EventsConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Kafka clients built from the {@code default-kafka-broker} configuration (every {@code kafka.*} property),
 * as in the kafka-bare quickstart. One idempotent producer (acks=all) is shared by the outbox relay and the
 * dead-letter publisher.
 */
@ApplicationScoped
public class KafkaClients {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> config;

    @Inject
    EventsConfig events;

    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    public synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> p = base();
            p.put(ProducerConfig.CLIENT_ID_CONFIG, events.service() + "-producer");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
            p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
            p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            p.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    public synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> a = base();
            a.put(AdminClientConfig.CLIENT_ID_CONFIG, events.service() + "-admin");
            a.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            a.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            a.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            admin = Admin.create(a);
        }
        return admin;
    }

    /**
     * A new consumer for one handler: manual commits; no automatic offset reset ({@code none}): its reader starts a new
     * group from the earliest offset itself, and reports an offset the topic no longer holds instead of skipping on.
     */
    public KafkaConsumer<String, byte[]> newConsumer(String groupId) {
        Map<String, Object> c = base();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        c.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        c.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        c.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        c.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        return new KafkaConsumer<>(c);
    }

    /**
     * A consumer without a group, for {@code assign()}: it reads partitions itself and commits nothing (every
     * replica reads everything, e.g. the client directory).
     */
    public KafkaConsumer<String, byte[]> newAssignedConsumer(String clientId) {
        Map<String, Object> c = base();
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        c.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        c.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        c.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(c);
    }

    private Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        config.forEach((k, v) -> {
            // only client settings; Quarkus adds a few of its own keys to this map
            if (!k.startsWith("health") && !k.startsWith("devservices") && !k.startsWith("snappy")) {
                m.put(k, v);
            }
        });
        return m;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
