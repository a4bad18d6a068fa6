package org.portfolio.performance.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The integrity rules on counts, at their boundaries (pure unit tests). */
class IntegrityChecksTest {

    static final SchoolYearKey KEY = new SchoolYearKey(UUID.randomUUID(), "2026-27");
    static final IntegrityRules R = IntegrityRules.DEFAULTS;

    static IntegrityOutcome participation(long tested, long notTested, long excluded, IntegrityRule rule) {
        var p = new IntegrityChecks.Participation("MATH", tested + notTested + excluded, tested, notTested, excluded, 1);
        return IntegrityChecks.participation(KEY, p, R, 10).stream().filter(c -> c.rule() == rule).findFirst()
                .orElseThrow().outcome();
    }

    @Test
    void participationIsComparedExactlyAtTheThreshold() {
        assertThat(participation(95, 5, 0, IntegrityRule.LOW_PARTICIPATION)).isEqualTo(IntegrityOutcome.CLEAR);
        assertThat(participation(1899, 101, 0, IntegrityRule.LOW_PARTICIPATION)).isEqualTo(IntegrityOutcome.FLAGGED); // 94.95 %
        assertThat(participation(5, 0, 0, IntegrityRule.LOW_PARTICIPATION)).isEqualTo(IntegrityOutcome.NOT_COMPUTABLE);
        var unstated = new IntegrityChecks.Participation("ELA", 30, 30, 0, 0, 0);
        assertThat(IntegrityChecks.participation(KEY, unstated, R, 10))
                .extracting(IntegrityCheck::rule).containsExactlyInAnyOrder(IntegrityRule.LOW_PARTICIPATION, IntegrityRule.HIGH_EXCLUSION);
        assertThat(IntegrityChecks.participation(KEY, unstated, R, 10)).allMatch(c -> c.outcome() == IntegrityOutcome.NOT_COMPUTABLE);
    }

    @Test
    void exclusionAboveTheMaximumIsFlagged() {
        assertThat(participation(90, 0, 10, IntegrityRule.HIGH_EXCLUSION)).isEqualTo(IntegrityOutcome.CLEAR); // 10 %
        assertThat(participation(89, 0, 11, IntegrityRule.HIGH_EXCLUSION)).isEqualTo(IntegrityOutcome.FLAGGED);
    }

    @Test
    void anEnrollmentDropNeedsEnoughLeaversAndAConcentrationOfLowPriorResults() {
        IntegrityCheck c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 10, 10, 7, 80, 40), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.FLAGGED); // 70 % against 50 %: 20 points
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 10, 10, 6, 80, 40), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.CLEAR);
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 4, 4, 4, 80, 0), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.NOT_COMPUTABLE);
        assertThat(c.reason()).contains("fewer than 5");
        assertThat(IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 0, 0, 0, 0, 0, 0), R, 3).reason())
                .contains("exitedBeforeTesting");
    }

    @Test
    void aYearOverYearChangeIsComparedWithTheOtherSchoolsSpread() {
        List<BigDecimal> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(BigDecimal.valueOf(i % 2 == 0 ? 1 : -1)); // mean 0, sample sd ≈ 1.054
        }
        IntegrityCheck far = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", BigDecimal.valueOf(54),
                BigDecimal.valueOf(50), others, R);
        assertThat(far.outcome()).isEqualTo(IntegrityOutcome.FLAGGED);
        IntegrityCheck near = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", BigDecimal.valueOf(53),
                BigDecimal.valueOf(50), others, R);
        assertThat(near.outcome()).isEqualTo(IntegrityOutcome.CLEAR); // 2.85 sd
        IntegrityCheck few = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", BigDecimal.valueOf(90),
                BigDecimal.valueOf(50), others.subList(0, 9), R);
        assertThat(few.outcome()).isEqualTo(IntegrityOutcome.NOT_COMPUTABLE);
    }

    @Test
    void anEnrollmentDropExactlyAtTheThresholdIsFlagged() {
        // 30 leavers with a prior result, 7 low (23.33 %); 30 stayers with one, 1 low (3.33 %): exactly 20 points apart
        // (divided at 16 digits it came to 19.999999999999997: CLEAR)
        IntegrityCheck c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 30, 30, 7, 30, 1), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.FLAGGED);
        assertThat(c.reason()).contains("20 points apart, at least 20");
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 30, 30, 7, 31, 1), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.FLAGGED); // 23.33 - 3.23 = 20.11 points
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 30, 30, 7, 29, 1), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.CLEAR); // 23.33 - 3.45 = 19.89 points
    }

    @Test
    void anEnrollmentDropJustUnderTheThresholdDoesNotReadAsAtIt() {
        // 20 of 30 leavers low (66.67 %) against 1,167 of 2,500 stayers (46.68 %): 19.99 points, CLEAR; the rounded
        // percents 66.7 and 46.7 made the difference 20.0 beside "less than 20" (review of 2026-12-06)
        IntegrityCheck c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(2530, 2530, 30, 30, 20, 2500, 1167), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.CLEAR);
        assertThat(c.evidence().differencePoints()).isEqualByComparingTo("19.9");
        assertThat(c.reason()).contains("19.9 points apart, less than 20").doesNotContain("20.0");
        // 1,166 of 2,500 (46.64 %): 20.03 points, FLAGGED, shown at least at the threshold
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(2530, 2530, 30, 30, 20, 2500, 1166), R, 3);
        assertThat(c.outcome()).isEqualTo(IntegrityOutcome.FLAGGED);
        assertThat(c.evidence().differencePoints()).isEqualByComparingTo("20");
        assertThat(c.reason()).contains("20 points apart, at least 20");
        // far from the threshold: 20 of 30 against 5 of 30, 50 points
        c = IntegrityChecks.enrollmentDrop(KEY, new IntegrityChecks.FallCount(100, 100, 30, 30, 20, 30, 5), R, 3);
        assertThat(c.evidence().differencePoints()).isEqualByComparingTo("50");
    }

    @Test
    void aYearOverYearChangeExactlyKStandardDeviationsAwayIsClear() {
        // the other 10 schools: -3.1, -6.1, -3.1, -6.1 and -4.6 six times: mean -4.6, sample sd exactly 1; this school
        // changed by -1.6, exactly 3 sd away (in doubles 3.0000000000000004: FLAGGED), and the rule is "more than k"
        List<BigDecimal> others = new ArrayList<>();
        for (String c : List.of("-3.1", "-6.1", "-3.1", "-6.1", "-4.6", "-4.6", "-4.6", "-4.6", "-4.6", "-4.6")) {
            others.add(new BigDecimal(c));
        }
        IntegrityCheck at = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", new BigDecimal("48.4"),
                BigDecimal.valueOf(50), others, R);
        assertThat(at.outcome()).isEqualTo(IntegrityOutcome.CLEAR);
        assertThat(at.evidence().portfolioMeanChange()).isEqualByComparingTo("-4.6");
        assertThat(at.evidence().portfolioStandardDeviation()).isEqualByComparingTo("1");
        assertThat(at.evidence().standardDeviations()).isEqualByComparingTo("3");
        assertThat(at.reason()).contains("3 standard deviations", "at most 3");
        IntegrityCheck past = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", new BigDecimal("48.4001"),
                BigDecimal.valueOf(50), others, R);
        assertThat(past.outcome()).isEqualTo(IntegrityOutcome.FLAGGED);
        // 3.0001 sd: shown so that it does not read as 3 beside "more than 3"
        assertThat(past.evidence().standardDeviations()).isGreaterThan(BigDecimal.valueOf(3));
        IntegrityCheck other = IntegrityChecks.yearOverYear(KEY, "ELA_PROFICIENCY", "2025-26", new BigDecimal("42.4"),
                BigDecimal.valueOf(50), others, R);
        assertThat(other.outcome()).isEqualTo(IntegrityOutcome.CLEAR); // -7.6: 3 sd below
    }

    @Test
    void thresholdsOutOfRangeAreViolations() {
        List<Violation> v = new ArrayList<>();
        IntegrityRules.check(new IntegrityRules(BigDecimal.valueOf(-1), BigDecimal.valueOf(100.5), BigDecimal.valueOf(11),
                2, BigDecimal.ZERO, 0), v);
        assertThat(v).extracting(Violation::field).containsExactlyInAnyOrder("integrity.participationMinimumPercent",
                "integrity.exclusionMaximumPercent", "integrity.enrollmentDropConcentrationPoints",
                "integrity.yearOverYearStandardDeviations", "integrity.yearOverYearMinimumSchools",
                "integrity.enrollmentDropMinimumLeavers");
        assertThat(IntegrityRules.effective(new IntegrityRules(BigDecimal.valueOf(90), null, null, null, null, null)))
                .isEqualTo(new IntegrityRules(BigDecimal.valueOf(90), BigDecimal.valueOf(10), BigDecimal.valueOf(3), 10,
                        BigDecimal.valueOf(20), 5));
    }
}
