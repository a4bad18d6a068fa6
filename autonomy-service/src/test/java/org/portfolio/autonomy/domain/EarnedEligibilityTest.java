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
    void anEarnedGrantFallsBackWhenTheLatestYearsAreAllBelowTheTierWithoutAGap() {
        var good = r("2024-25", RatingTier.MEETS);
        var weak = r("2025-26", RatingTier.APPROACHING);
        var weaker = r("2026-27", RatingTier.DOES_NOT_MEET);
        var q = EarnedEligibility.fallsBack(RatingTier.MEETS, 2, List.of(good, weak, weaker));
        assertThat(q).isPresent();
        assertThat(q.get().ratingIds()).containsExactly(weaker.ratingId(), weak.ratingId());
        assertThat(q.get().description())
                .isEqualTo("Rated below MEETS for 2 consecutive school year(s): 2026-27 DOES_NOT_MEET, 2025-26 APPROACHING");

        // one weak year is not two
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 2, List.of(good, weak))).isEmpty();
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 1, List.of(good, weak))).isPresent();
        // the latest year counts: a strong latest year after weak ones does not fall back
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 2,
                List.of(weak, weaker, r("2027-28", RatingTier.EXCEEDS)))).isEmpty();
        // a year without a rating breaks a weak run as it breaks a strong one
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 2,
                List.of(r("2023-24", RatingTier.APPROACHING), weak))).isEmpty();
        assertThat(EarnedEligibility.check(RatingTier.MEETS, 2,
                List.of(r("2023-24", RatingTier.MEETS), r("2025-26", RatingTier.MEETS)))).isEmpty();
        // the tier itself is not below it
        assertThat(EarnedEligibility.fallsBack(RatingTier.APPROACHING, 1, List.of(weak))).isEmpty();
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 1, List.of())).isEmpty();
        assertThat(EarnedEligibility.fallsBack(null, 1, List.of(weak))).isEmpty();
        assertThat(EarnedEligibility.fallsBack(RatingTier.MEETS, 0, List.of(weak))).isEmpty();
    }

    @Test
    void earningAndFallingBackNeverHoldAtOnceForAnyRatings() {
        RatingTier[] tiers = RatingTier.values();
        // every sequence of four years' tiers (with gaps: null), every criterion
        int options = tiers.length + 1;
        for (int code = 0; code < Math.pow(options, 4); code++) {
            List<EarnedEligibility.Rating> ratings = new java.util.ArrayList<>();
            int c = code;
            for (int y = 0; y < 4; y++) {
                int t = c % options;
                c /= options;
                if (t < tiers.length) {
                    ratings.add(r((2020 + y) + "-" + (21 + y), tiers[t]));
                }
            }
            for (RatingTier min : tiers) {
                for (int earn = 1; earn <= 3; earn++) {
                    for (int fall = 1; fall <= 3; fall++) {
                        assertThat(EarnedEligibility.check(min, earn, ratings).isPresent()
                                && EarnedEligibility.fallsBack(min, fall, ratings).isPresent())
                                .as("%s earn %d fall %d on %s", min, earn, fall, ratings).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void theFallBackYearsDefaultToTheEarningYears() {
        assertThat(EarnedEligibility.fallBackAfterYears(null, 3)).isEqualTo(3);
        assertThat(EarnedEligibility.fallBackAfterYears(1, 3)).isEqualTo(1);
        assertThat(EarnedEligibility.fallBackAfterYears(0, 2)).isEqualTo(2);
        assertThat(EarnedEligibility.fallBackAfterYears(null, null)).isEqualTo(1);
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
    void onlyAnActiveEarnedGrantFallsBack() {
        java.time.Instant t = java.time.Instant.now();
        Cause c = Cause.of(CauseKind.MANUAL, null, "x");
        Grant full = Grant.create(UUID.randomUUID(), AutonomyDomain.PEOPLE, GrantModel.FULL_WITH_EXPECTATIONS, List.of(),
                null, GrantSource.CONTRACT_PROVISION, java.time.LocalDate.now(), null);
        full.open(GrantStatus.ACTIVE, c, t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> full.fallBack(c, t))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("EARNED");
        Grant revoked = Grant.create(UUID.randomUUID(), AutonomyDomain.MONEY, GrantModel.EARNED, List.of(), null,
                GrantSource.CONTRACT_PROVISION, java.time.LocalDate.now(), null);
        revoked.open(GrantStatus.ACTIVE, c, t);
        revoked.revoke(c, false, t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> revoked.fallBack(c, t))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("REVOKED");
        assertThat(GrantStatus.ACTIVE.canBecome(GrantStatus.PENDING)).isTrue();
        // a REVOKED EARNED grant whose ratings fell meanwhile goes to PENDING when its benchmark is met (not a FULL one)
        assertThat(GrantStatus.REVOKED.canBecome(GrantStatus.PENDING)).isTrue();
        assertThat(revoked.fallBackOnMet(c, t).toStatus).isEqualTo(GrantStatus.PENDING);
        Grant fullRevoked = Grant.create(UUID.randomUUID(), AutonomyDomain.PEOPLE, GrantModel.FULL_WITH_EXPECTATIONS,
                List.of(), null, GrantSource.CONTRACT_PROVISION, java.time.LocalDate.now(), null);
        fullRevoked.open(GrantStatus.ACTIVE, c, t);
        fullRevoked.revoke(c, true, t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fullRevoked.fallBackOnMet(c, t))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("EARNED");
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
        // an EARNED grant falls back to PENDING, and is earned again from there
        GrantHistory fell = g.fallBack(c, t);
        assertThat(fell.action).isEqualTo(GrantAction.FELL_BACK);
        assertThat(fell.fromStatus).isEqualTo(GrantStatus.ACTIVE);
        assertThat(fell.toStatus).isEqualTo(GrantStatus.PENDING);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.fallBack(c, t))
                .isInstanceOf(InvalidTransitionException.class).hasMessageContaining("PENDING");
        assertThat(g.activate(c, t).toStatus).isEqualTo(GrantStatus.ACTIVE);
        assertThat(g.end(c, t).toStatus).isEqualTo(GrantStatus.ENDED);
        for (var change : List.<Runnable>of(() -> g.end(c, t), () -> g.revoke(c, false, t), () -> g.reinstate(c, t),
                () -> g.activate(c, t), () -> g.fallBack(c, t))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(change::run).isInstanceOf(InvalidTransitionException.class);
        }
    }
}
