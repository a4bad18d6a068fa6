package org.portfolio.autonomy.service;

import org.junit.jupiter.api.Test;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.EarnedEligibility;
import org.portfolio.autonomy.domain.EarnedEligibility.Rating;
import org.portfolio.autonomy.domain.RatingTier;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portfolio.autonomy.domain.RatingTier.*;

/**
 * Issue 15, review finding 1, as a pure rule: a fall-back note's reason is taken away by a correction only when the
 * rating held now for a noted school year replaced the noted one and is no longer below the tier. The real chain on
 * PostgreSQL and Kafka is in EarnedFallBackReviewTest.
 */
class LiftedByCorrectionTest {

    private static final UUID WEAK_A = UUID.randomUUID();
    private static final UUID WEAK_B = UUID.randomUUID();

    private static Cause note() {
        List<Rating> fell = List.of(new Rating(WEAK_A, "2024-25", APPROACHING), new Rating(WEAK_B, "2023-24", DOES_NOT_MEET));
        return Cause.of(CauseKind.RATING_FELL, "e", "x").withRatings(
                EarnedEligibility.fallsBack(MEETS, 2, fell).orElseThrow());
    }

    private static Rating r(String year, RatingTier tier) {
        return new Rating(UUID.randomUUID(), year, tier);
    }

    @Test
    void aReissueThatKeepsTheYearWeakLiftsNothingEvenWithANewStrongYear() {
        List<Rating> held = List.of(r("2025-26", EXCEEDS), r("2024-25", DOES_NOT_MEET),
                new Rating(WEAK_B, "2023-24", DOES_NOT_MEET));
        assertThat(EligibilityService.liftedByCorrection(note(), MEETS, held)).isFalse();
    }

    @Test
    void aCorrectionToTheTierLiftsTheNotedYear() {
        List<Rating> held = List.of(new Rating(WEAK_A, "2024-25", APPROACHING), r("2023-24", MEETS));
        assertThat(EligibilityService.liftedByCorrection(note(), MEETS, held)).isTrue();
    }

    @Test
    void theNotedRatingsThemselvesLiftNothing() {
        List<Rating> held = List.of(new Rating(WEAK_A, "2024-25", APPROACHING), new Rating(WEAK_B, "2023-24", DOES_NOT_MEET));
        assertThat(EligibilityService.liftedByCorrection(note(), MEETS, held)).isFalse();
    }

    @Test
    void notesWrittenBeforeTheYearsWereRecordedAreReadFromTheirDescription() {
        Cause old = Cause.of(CauseKind.RATING_FELL, "e", "Rated below MEETS for 2 consecutive school year(s): "
                + "2024-25 APPROACHING, 2023-24 DOES_NOT_MEET; the grant is revoked for a missed benchmark: when that "
                + "is met it stays pending until its ratings earn it again").withRatings(List.of(WEAK_A, WEAK_B));
        assertThat(old.ratingYearList()).isEmpty();
        assertThat(EligibilityService.liftedByCorrection(old, MEETS,
                List.of(r("2025-26", MEETS), r("2024-25", APPROACHING), new Rating(WEAK_B, "2023-24", DOES_NOT_MEET))))
                .isFalse();
        assertThat(EligibilityService.liftedByCorrection(old, MEETS,
                List.of(new Rating(WEAK_A, "2024-25", APPROACHING), r("2023-24", EXCEEDS)))).isTrue();
        // years that cannot be found: no correction is recognised (the grant waits to be earned again)
        Cause unreadable = Cause.of(CauseKind.RATING_FELL, "e", "its ratings fell").withRatings(List.of(WEAK_A));
        assertThat(EligibilityService.liftedByCorrection(unreadable, MEETS, List.of(r("2024-25", EXCEEDS)))).isFalse();
    }
}
