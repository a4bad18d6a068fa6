package org.portfolio.performance.service;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile review of the twenty-seventh pass, Q6: the day a school year's retention ends is the district's. At 22:00
 * on 30 June in New York (02:00 UTC on 1 July) the year 2019-20, kept five years, is not yet past its retention.
 */
class RetentionDayTest {

    @Test
    void theLastDayOfRetentionIsTheDistrictsDay() {
        Instant lateOnThe30thInNewYork = Instant.parse("2025-07-01T02:00:00Z");
        assertThat(RetentionService.throughStartYear(lateOnThe30thInNewYork, 5, ZoneId.of("America/New_York")))
                .isEqualTo(2018);
        assertThat(RetentionService.throughStartYear(lateOnThe30thInNewYork, 5, ZoneOffset.UTC)).isEqualTo(2019);
        assertThat(RetentionService.throughStartYear(Instant.parse("2025-07-01T05:00:00Z"), 5,
                ZoneId.of("America/New_York"))).isEqualTo(2019);
    }
}
