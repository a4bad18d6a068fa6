package org.portfolio.platform.events.consumer;

import org.apache.kafka.clients.consumer.LogTruncationException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a consumer group's reader goes on when its offset is invalid (it resets none by itself): Kafka's own
 * {@link MockConsumer}, no broker. The retention case on a real broker: {@code ConsumerFailuresTest}.
 */
class StartOverTest {

    private final TopicPartition tp = new TopicPartition("things.events", 0);
    private MockConsumer<String, byte[]> consumer;

    @BeforeEach
    void assigned() {
        consumer = new MockConsumer<>("none");
        consumer.assign(List.of(tp));
        consumer.updateBeginningOffsets(Map.of(tp, 40L));
        consumer.updateEndOffsets(Map.of(tp, 90L));
    }

    @Test
    void aNewGroupStartsFromTheBeginningAndLosesNothing() {
        assertThat(ConsumerWorker.startOver(consumer, new NoOffsetForPartitionException(tp), "g")).isZero();
        assertThat(consumer.position(tp)).isEqualTo(40L);
    }

    @Test
    void anOffsetTheRetentionDeletedIsCountedLostAndTheReaderGoesOnFromTheOldestLeft() {
        assertThat(ConsumerWorker.startOver(consumer, new OffsetOutOfRangeException(Map.of(tp, 12L)), "g")).isEqualTo(1);
        assertThat(consumer.position(tp)).isEqualTo(40L);
    }

    @Test
    void aTruncatedLogGoesOnFromWhereTheLogsDivergeAndLosesNothing() {
        // review of 2026-12-05: with auto.offset.reset=none a truncation (an unclean leader election) was counted lost
        // and the whole partition read again
        LogTruncationException truncated = new LogTruncationException(Map.of(tp, 75L), Map.of(tp, new OffsetAndMetadata(70L)));
        assertThat(ConsumerWorker.startOver(consumer, truncated, "g")).isZero();
        assertThat(consumer.position(tp)).isEqualTo(70L);
    }
}
