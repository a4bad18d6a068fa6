package org.portfolio.platform.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.kafka.KafkaClients;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Sends an event that cannot be applied to {@code <topic>.dlq}: the original key, value and headers, plus
 * {@code dlq-*} headers naming the consumer, the error and where the record came from.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String H_CONSUMER = "dlq-consumer";
    public static final String H_ERROR = "dlq-error";
    public static final String H_ERROR_CLASS = "dlq-error-class";
    public static final String H_TOPIC = "dlq-original-topic";
    public static final String H_PARTITION = "dlq-original-partition";
    public static final String H_OFFSET = "dlq-original-offset";
    public static final String H_TIME = "dlq-time";

    @Inject
    KafkaClients clients;

    /** Blocks until the broker has the dead letter; throws when it cannot (the record is then retried). */
    public void send(ConsumerRecord<String, byte[]> record, String consumer, Throwable error) throws Exception {
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(
                EventsConfig.deadLetterTopicOf(record.topic()), record.key(), record.value());
        for (Header h : record.headers()) {
            dlq.headers().add(h);
        }
        String message = String.valueOf(error.getMessage());
        dlq.headers()
                .add(header(H_CONSUMER, consumer))
                .add(header(H_ERROR, message.length() > 2000 ? message.substring(0, 2000) : message))
                .add(header(H_ERROR_CLASS, error.getClass().getName()))
                .add(header(H_TOPIC, record.topic()))
                .add(header(H_PARTITION, Integer.toString(record.partition())))
                .add(header(H_OFFSET, Long.toString(record.offset())))
                .add(header(H_TIME, Instant.now().toString()));
        clients.producer().send(dlq).get(30, TimeUnit.SECONDS);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
