package org.portfolio.performance.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecordedTimesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aValueIsRecordedAfterTheOneItReplacesUnlessThatOnesClockWasFarOff() {
        assertThat(MetricResultService.after(NOW, null)).isEqualTo(NOW);
        assertThat(MetricResultService.after(NOW, NOW.minusSeconds(1))).isEqualTo(NOW);
        assertThat(MetricResultService.after(NOW, NOW)).isEqualTo(NOW.plusNanos(1_000));
        assertThat(MetricResultService.after(NOW, NOW.plusSeconds(120))).isEqualTo(NOW.plusSeconds(120).plusNanos(1_000));
        assertThat(MetricResultService.after(NOW, NOW.plus(MetricResultService.MAX_SKEW).plusSeconds(1)))
                .as("a clock far ahead is not carried on").isEqualTo(NOW);
    }
}
