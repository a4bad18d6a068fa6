package org.portfolio.autonomy.service;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenth pass (hostile read): a miss for missing data that a correction caused (the value withdrawn after its due date)
 * was told as "on corrected data", as if a corrected value had missed; contracts says the value was withdrawn.
 */
class CorrectionWordingTest {

    private static final UUID CORRECTION = UUID.fromString("00000000-0000-4000-8000-00000000c0de");

    private static BenchmarkService.Evaluation missed(BigDecimal actual, String noValue, UUID correction) {
        return new BenchmarkService.Evaluation(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "ELA_PROFICIENCY", "2025-26", "GTE", BigDecimal.valueOf(35), actual, actual == null ? null : 100,
                BenchmarkService.MISSED, Set.of(), true, "NONE", noValue, correction, "DUPLICATE_RECORD");
    }

    @Test
    void aWithdrawnValueIsToldAsWithdrawnAndACorrectedOneAsCorrected() {
        assertThat(missed(null, BenchmarkService.NO_DATA_REPORTED + "2026-08-29", CORRECTION).onCorrectedData())
                .isEqualTo(" — its value was withdrawn (correction " + CORRECTION + ": DUPLICATE_RECORD)");
        assertThat(missed(BigDecimal.valueOf(20), null, CORRECTION).onCorrectedData())
                .isEqualTo(" — on corrected data (correction " + CORRECTION + ": DUPLICATE_RECORD)");
        assertThat(missed(null, BenchmarkService.NO_DATA_REPORTED + "2026-08-29", null).onCorrectedData()).isEmpty();
    }
}
