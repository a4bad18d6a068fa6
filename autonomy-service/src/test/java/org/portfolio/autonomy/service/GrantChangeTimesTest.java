package org.portfolio.autonomy.service;

import org.junit.jupiter.api.Test;
import org.portfolio.autonomy.domain.Grant;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GrantChangeTimesTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static Grant since(Instant t) {
        Grant g = new Grant();
        g.statusSince = t;
        return g;
    }

    @Test
    void aStatusChangeIsNotStampedBeforeTheLastOneUnlessThatOnesClockWasFarOff() {
        assertThat(GrantService.after(since(null), NOW)).isEqualTo(NOW);
        assertThat(GrantService.after(since(NOW.minusSeconds(5)), NOW)).isEqualTo(NOW);
        assertThat(GrantService.after(since(NOW.plusSeconds(120)), NOW)).isEqualTo(NOW.plusSeconds(120));
        assertThat(GrantService.after(since(NOW.plus(GrantService.MAX_SKEW).plusSeconds(1)), NOW))
                .as("a clock far ahead is not carried on").isEqualTo(NOW);
    }
}
