package org.portfolio.platform.events.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.portfolio.platform.events.EventsConfig;
import org.portfolio.platform.events.kafka.KafkaClients;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
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
    /** Set when the value (and the original headers) were left out: the record was too large to copy. */
    public static final String H_VALUE_DROPPED = "dlq-value-dropped";
    private static final int MAX_KEY = 1_000;

    @Inject
    KafkaClients clients;

    /**
     * Blocks until the broker has the dead letter; throws when it cannot (the record is then retried). A record too
     * large to copy with the dead-letter headers added (its value near the broker's limit) goes without its value and
     * its original headers: otherwise it would be retried for ever and stall its partition.
     */
    public void send(ConsumerRecord<String, byte[]> record, String consumer, Throwable error) throws Exception {
        try {
            clients.producer().send(letter(record, consumer, error, true)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                throw e;
            }
            clients.producer().send(letter(record, consumer, error, false)).get(30, TimeUnit.SECONDS);
        }
    }

    @org.portfolio.platform.web.time.SystemClockOnPurpose("when a record was dead-lettered: an operational time, as "
            + "the log line that goes with it")
    private static ProducerRecord<String, byte[]> letter(ConsumerRecord<String, byte[]> record, String consumer,
                                                         Throwable error, boolean whole) {
        String key = whole || record.key() == null || record.key().length() <= MAX_KEY ? record.key() : null;
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(
                EventsConfig.deadLetterTopicOf(record.topic()), key, whole ? record.value() : null);
        if (whole) {
            for (Header h : record.headers()) {
                dlq.headers().add(h);
            }
        } else {
            dlq.headers().add(header(H_VALUE_DROPPED, (record.value() == null ? 0 : record.value().length)
                    + " bytes: too large to copy; the original is at " + H_TOPIC + ", " + H_PARTITION + ", " + H_OFFSET));
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
        return dlq;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
