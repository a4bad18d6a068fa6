package org.portfolio.autonomy.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EarnedEligibilityTest {

    static EarnedEligibility.Rating r(String year, RatingTier tier) {
        return new EarnedEligibility.Rating(UUID.randomUUID(), year, tier);
    }

    @Test
    void theLatestYearsMustAllReachTheTierWithoutAGap() {
        var a = r("2024-25", RatingTier.MEETS);
        var b = r("2025-26", RatingTier.EXCEEDS);
        var q = EarnedEligibility.check(RatingTier.MEETS, 2, List.of(a, b));
        assertThat(q).isPresent();
        assertThat(q.get().ratingIds()).containsExactly(b.ratingId(), a.ratingId());
        assertThat(q.get().latestRatingId()).isEqualTo(b.ratingId());
        assertThat(q.get().description()).contains("2025-26 EXCEEDS, 2024-25 MEETS");

        assertThat(EarnedEligibility.check(RatingTier.MEETS, 3, List.of(a, b))).isEmpty();
        assertThat(EarnedEligibility.check(RatingTier.EXCEEDS, 2, List.of(a, b))).isEmpty();
        // the latest year falls short: earlier good years do not count
        assertThat(EarnedEligibility.check(RatingTier.MEETS, 2,
                List.of(a, b, r("2026-27", RatingTier.APPROACHING)))).isEmpty();
        // a gap year breaks the run
        assertThat(EarnedEligibility.check(RatingTier.MEETS, 2,
                List.of(r("2023-24", RatingTier.EXCEEDS), b))).isEmpty();
        assertThat(EarnedEligibility.check(RatingTier.MEETS, 1, List.of())).isEmpty();
        assertThat(EarnedEligibility.check(null, 1, List.of(a))).isEmpty();
    }

    @Test
    void schoolYearsParseAndStep() {
        assertThat(SchoolYears.isValid("2026-27")).isTrue();
        assertThat(SchoolYears.isValid("2099-00")).isTrue();
        assertThat(SchoolYears.isValid("2026-28")).isFalse();
        assertThat(SchoolYears.isValid("26-27")).isFalse();
        assertThat(SchoolYears.previous("2026-27")).isEqualTo("2025-26");
        assertThat(SchoolYears.firstDay("2026-27", java.time.MonthDay.of(7, 1))).isEqualTo("2026-07-01");
        assertThat(SchoolYears.lastDay("2030-31", java.time.MonthDay.of(7, 1))).isEqualTo("2031-06-30");
    }

    @Test
    void grantTransitionsFollowTheStateMachine() {
        Grant g = Grant.create(UUID.randomUUID(), AutonomyDomain.PEOPLE, GrantModel.EARNED, List.of(), null,
                GrantSource.CONTRACT_PROVISION, java.time.LocalDate.now(), null);
        java.time.Instant t = java.time.Instant.now();
        Cause c = Cause.of(CauseKind.MANUAL, null, "x");
        g.open(GrantStatus.PENDING, c, t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.revoke(c, false, t))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("PENDING");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.reinstate(c, t))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(g.activate(c, t).toStatus).isEqualTo(GrantStatus.ACTIVE);
        assertThat(g.everActive).isTrue();
        assertThat(g.revoke(c, true, t).fromStatus).isEqualTo(GrantStatus.ACTIVE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.activate(c, t))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(g.reinstate(c, t).action).isEqualTo(GrantAction.REINSTATED);
        assertThat(g.end(c, t).toStatus).isEqualTo(GrantStatus.ENDED);
        for (var change : List.<Runnable>of(() -> g.end(c, t), () -> g.revoke(c, false, t), () -> g.reinstate(c, t),
                () -> g.activate(c, t))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(change::run).isInstanceOf(InvalidTransitionException.class);
        }
    }
}
