package org.portfolio.platform.events.consumer;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Event data is read with the request bodies' limits (issue 13 audit: the backbone's own mapper had none). */
class IncomingEventTest {

    record Value(String metricCode, BigDecimal value) {
    }

    static IncomingEvent event(String json) {
        return new IncomingEvent("e1", "portfolio.performance.MetricResultRecorded.v1", java.net.URI.create("/performance"),
                "s", Instant.now(), null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrdinaryDecimalIsRead() {
        assertThat(event("{\"metricCode\":\"X\",\"value\":87.5}").data(Value.class).value()).isEqualByComparingTo("87.5");
    }

    @Test
    void aDecimalWithAHugeExponentIsPoisonAtOnceNotArithmetic() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> event("{\"metricCode\":\"X\",\"value\":1e-20000000}").data(Value.class))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> event("{\"metricCode\":\"X\",\"value\":0.1e-99999999}").data(Value.class))
                .isInstanceOf(PoisonEventException.class);
        // unbounded, the first costs seconds of CPU and the second does not end (issue 13, finding 1)
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void aDuplicateKeyIsPoisonNotTheLastValueWins() {
        assertThatThrownBy(() -> event("{\"metricCode\":\"X\",\"value\":1,\"value\":99}").data(Value.class))
                .isInstanceOf(PoisonEventException.class);
    }
}
