package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The integrity rules as pure functions of aggregate counts (no student ids reach them): each returns an
 * {@link IntegrityCheck} that is FLAGGED, CLEAR, or NOT_COMPUTABLE when the school did not send what the rule needs.
 */
public final class IntegrityChecks {

    private IntegrityChecks() {
    }

    /**
     * One subject's students of a school-year by participation (each student counts once: tested when any row of
     * theirs has a result, else excluded when any says EXEMPT or EXCLUDED, else not tested). {@code stated}: students
     * with at least one row that states its participation.
     */
    public record Participation(String subject, long students, long tested, long notTested, long excluded, long stated) {
    }

    /** LOW_PARTICIPATION and HIGH_EXCLUSION of one subject. */
    public static List<IntegrityCheck> participation(SchoolYearKey key, Participation p, IntegrityRules rules,
                                                     int minimumN) {
        List<IntegrityCheck> out = new ArrayList<>();
        BigDecimal min = rules.participationMinimumPercent();
        BigDecimal max = rules.exclusionMaximumPercent();
        if (p.stated() == 0) {
            String why = "participation not computable: the school's " + p.subject()
                    + " results do not state participation (TESTED, NOT_TESTED, EXEMPT, EXCLUDED)";
            out.add(IntegrityCheck.notComputable(key, IntegrityRule.LOW_PARTICIPATION, p.subject(), why,
                    IntegrityEvidence.participation(p.students(), p.tested(), null, null, null, null, min)));
            out.add(IntegrityCheck.notComputable(key, IntegrityRule.HIGH_EXCLUSION, p.subject(), why,
                    IntegrityEvidence.participation(p.students(), p.tested(), null, null, null, null, max)));
            return out;
        }
        long expected = p.tested() + p.notTested();
        BigDecimal participation = expected == 0 ? null : Decimals.percent(BigDecimal.valueOf(p.tested()),
                BigDecimal.valueOf(expected), 1);
        BigDecimal excludedShare = Decimals.percent(BigDecimal.valueOf(p.excluded()), BigDecimal.valueOf(p.students()), 1);
        IntegrityEvidence ev = IntegrityEvidence.participation(p.students(), p.tested(), p.notTested(), p.excluded(),
                participation, excludedShare, min);
        if (expected < minimumN) {
            out.add(IntegrityCheck.notComputable(key, IntegrityRule.LOW_PARTICIPATION, p.subject(),
                    "not computable: " + expected + " students expected to test, fewer than the minimum n " + minimumN, ev));
        } else {
            // compared exactly, not on the rounded percent: 94.96 % is below 95
            boolean low = BigDecimal.valueOf(p.tested()).multiply(BigDecimal.valueOf(100))
                    .compareTo(min.multiply(BigDecimal.valueOf(expected))) < 0;
            out.add(new IntegrityCheck(key, IntegrityRule.LOW_PARTICIPATION, p.subject(),
                    low ? IntegrityOutcome.FLAGGED : IntegrityOutcome.CLEAR,
                    (low ? "participation " : "participation ") + Decimals.clean(participation) + "% of " + expected
                            + " students expected to test" + (low ? ", below " : ", at least ") + Decimals.clean(min) + "%",
                    ev));
        }
        IntegrityEvidence exEv = IntegrityEvidence.participation(p.students(), p.tested(), p.notTested(), p.excluded(),
                participation, excludedShare, max);
        if (p.students() < minimumN) {
            out.add(IntegrityCheck.notComputable(key, IntegrityRule.HIGH_EXCLUSION, p.subject(),
                    "not computable: " + p.students() + " students, fewer than the minimum n " + minimumN, exEv));
        } else {
            boolean high = BigDecimal.valueOf(p.excluded()).multiply(BigDecimal.valueOf(100))
                    .compareTo(max.multiply(BigDecimal.valueOf(p.students()))) > 0;
            out.add(new IntegrityCheck(key, IntegrityRule.HIGH_EXCLUSION, p.subject(),
                    high ? IntegrityOutcome.FLAGGED : IntegrityOutcome.CLEAR,
                    p.excluded() + " of " + p.students() + " students exempted or excluded (" + Decimals.clean(excludedShare)
                            + "%)" + (high ? ", above " : ", at most ") + Decimals.clean(max) + "%", exEv));
        }
        return out;
    }

    /**
     * The students on a school's fall count, by whether they left before testing, and among them those with a result
     * the year before (their best level in any subject at any school of the district) and those below proficient.
     * {@code exitStated}: students on the fall count whose row says whether they left.
     */
    public record FallCount(long fallCount, long exitStated, long leavers, long leaversWithPrior, long leaversLow,
                            long stayersWithPrior, long stayersLow) {
    }

    public static IntegrityCheck enrollmentDrop(SchoolYearKey key, FallCount f, IntegrityRules rules, int proficientLevel) {
        IntegrityRule rule = IntegrityRule.ENROLLMENT_DROP;
        BigDecimal threshold = rules.enrollmentDropConcentrationPoints();
        if (f == null || f.fallCount() == 0) {
            return IntegrityCheck.notComputable(key, rule, "", "not computable: no attendance row says the student was "
                    + "on the fall count (inFallCount)", IntegrityEvidence.drop(0L, null, null, null, null, null, null,
                    null, null, threshold, proficientLevel));
        }
        if (f.exitStated() == 0) {
            return IntegrityCheck.notComputable(key, rule, "", "not computable: no attendance row says whether the "
                    + "student left before testing (exitedBeforeTesting)", IntegrityEvidence.drop(f.fallCount(), null,
                    null, null, null, null, null, null, null, threshold, proficientLevel));
        }
        BigDecimal leaversLow = f.leaversWithPrior() == 0 ? null : Decimals.percent(BigDecimal.valueOf(f.leaversLow()),
                BigDecimal.valueOf(f.leaversWithPrior()), 1);
        BigDecimal stayersLow = f.stayersWithPrior() == 0 ? null : Decimals.percent(BigDecimal.valueOf(f.stayersLow()),
                BigDecimal.valueOf(f.stayersWithPrior()), 1);
        // the gap from the exact shares, not the difference of the rounded percents (66.67 - 46.68 = 19.99 read as
        // 66.7 - 46.7 = 20.0, beside "less than 20": review of 2026-12-06)
        BigDecimal exactDiff = f.leaversWithPrior() == 0 || f.stayersWithPrior() == 0 ? null
                : gapPoints(f).divide(BigDecimal.valueOf(f.leaversWithPrior()).multiply(BigDecimal.valueOf(f.stayersWithPrior())),
                        MathContext.DECIMAL128);
        BigDecimal diff = exactDiff == null ? null : Decimals.round(exactDiff, 1);
        IntegrityEvidence ev = IntegrityEvidence.drop(f.fallCount(), f.leavers(), f.leaversWithPrior(), f.leaversLow(),
                f.stayersWithPrior(), f.stayersLow(), leaversLow, stayersLow, diff, threshold, proficientLevel);
        int minLeavers = rules.enrollmentDropMinimumLeavers();
        if (f.leaversWithPrior() < minLeavers) {
            return IntegrityCheck.notComputable(key, rule, "", "not computable: " + f.leaversWithPrior()
                    + " students who left before testing have a result from the year before, fewer than " + minLeavers, ev);
        }
        if (f.stayersWithPrior() == 0) {
            return IntegrityCheck.notComputable(key, rule, "", "not computable: no student who stayed has a result "
                    + "from the year before", ev);
        }
        // exactly, multiplied out: 100 (leaversLow/leaversWithPrior - stayersLow/stayersWithPrior) >= threshold, so
        // 100 (leaversLow * stayersWithPrior - stayersLow * leaversWithPrior) >= threshold * leaversWithPrior * stayersWithPrior
        // (divided at 16 digits, 7 of 30 against 1 of 30 came to 19.999999999999997 points: eighth pass)
        boolean flagged = gapPoints(f).compareTo(threshold.multiply(BigDecimal.valueOf(f.leaversWithPrior()))
                .multiply(BigDecimal.valueOf(f.stayersWithPrior()))) >= 0;
        // shown at 1 decimal, rounded down when CLEAR and up when FLAGGED where half up would read as the other side of
        // the threshold (19.99 CLEAR is 19.9, not 20.0), more decimals if the threshold has them
        BigDecimal shown = exactDiff.setScale(1, RoundingMode.HALF_UP);
        for (int scale = 1; scale <= 8 && (shown.compareTo(threshold) >= 0) != flagged; scale++) {
            shown = exactDiff.setScale(scale, flagged ? RoundingMode.UP : RoundingMode.DOWN);
        }
        shown = Decimals.clean(shown);
        ev = IntegrityEvidence.drop(f.fallCount(), f.leavers(), f.leaversWithPrior(), f.leaversLow(),
                f.stayersWithPrior(), f.stayersLow(), leaversLow, stayersLow, shown, threshold, proficientLevel);
        return new IntegrityCheck(key, rule, "", flagged ? IntegrityOutcome.FLAGGED : IntegrityOutcome.CLEAR,
                f.leavers() + " of " + f.fallCount() + " students on the fall count left before testing; "
                        + Decimals.clean(leaversLow) + "% of those with a prior result were below proficient, against "
                        + Decimals.clean(stayersLow) + "% of those who stayed (" + shown + " points apart, "
                        + (flagged ? "at least " : "less than ") + Decimals.clean(threshold) + ")", ev);
    }

    /**
     * 100 (leaversLow/leaversWithPrior - stayersLow/stayersWithPrior) multiplied by leaversWithPrior * stayersWithPrior:
     * the gap in points, exactly, in whole numbers.
     */
    private static BigDecimal gapPoints(FallCount f) {
        return BigDecimal.valueOf(f.leaversLow()).multiply(BigDecimal.valueOf(f.stayersWithPrior()))
                .subtract(BigDecimal.valueOf(f.stayersLow()).multiply(BigDecimal.valueOf(f.leaversWithPrior())))
                .multiply(BigDecimal.valueOf(100));
    }

    /** A school's change of one metric since the previous year, and the other schools' changes of it. */
    public static IntegrityCheck yearOverYear(SchoolYearKey key, String metricCode, String previousYear, BigDecimal value,
                                              BigDecimal previousValue, List<BigDecimal> otherChanges, IntegrityRules rules) {
        IntegrityRule rule = IntegrityRule.YEAR_OVER_YEAR_CHANGE;
        BigDecimal k = rules.yearOverYearStandardDeviations();
        if (value == null || previousValue == null) {
            return IntegrityCheck.notComputable(key, rule, metricCode, "not computable: no unsuppressed value of "
                    + metricCode + " for " + (value == null ? key.schoolYear() : previousYear),
                    IntegrityEvidence.yearOverYear(previousYear, value, previousValue, null, null, null,
                            (long) otherChanges.size(), null, k));
        }
        BigDecimal change = value.subtract(previousValue);
        int n = otherChanges.size();
        if (n < rules.yearOverYearMinimumSchools()) {
            return IntegrityCheck.notComputable(key, rule, metricCode, "not computable: " + n + " other schools have "
                    + "both years of " + metricCode + ", fewer than " + rules.yearOverYearMinimumSchools(),
                    IntegrityEvidence.yearOverYear(previousYear, value, previousValue, Decimals.clean(change), null, null,
                            (long) n, null, k));
        }
        // exactly, in decimals: with S the sum of the other changes and Q the sum of their squares, mean = S/n and
        // sample variance = (nQ - S^2) / (n(n-1)); |change - mean| > k sd squared and multiplied by n^2(n-1):
        // (n change - S)^2 (n-1) > k^2 n (nQ - S^2). In doubles a change exactly 3 sd away came to 3.0000000000000004
        // (eighth pass)
        BigDecimal bn = BigDecimal.valueOf(n);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal c : otherChanges) {
            sum = sum.add(c);
            squares = squares.add(c.multiply(c));
        }
        BigDecimal spread = bn.multiply(squares).subtract(sum.multiply(sum)); // n (n-1) variance, >= 0
        BigDecimal offset = bn.multiply(change).subtract(sum); // n (change - mean)
        BigDecimal meanD = sum.divide(bn, 4, RoundingMode.HALF_UP);
        BigDecimal variance = spread.divide(bn.multiply(BigDecimal.valueOf(n - 1L)), MathContext.DECIMAL128);
        BigDecimal sd = variance.sqrt(MathContext.DECIMAL128);
        BigDecimal sdD = sd.setScale(4, RoundingMode.HALF_UP);
        if (spread.signum() == 0) {
            return IntegrityCheck.notComputable(key, rule, metricCode, "not computable: the other schools' changes of "
                    + metricCode + " do not vary", IntegrityEvidence.yearOverYear(previousYear, value, previousValue,
                    Decimals.clean(change), Decimals.clean(meanD), Decimals.clean(sdD), (long) n, null, k));
        }
        boolean flagged = offset.multiply(offset).multiply(BigDecimal.valueOf(n - 1L))
                .compareTo(k.multiply(k).multiply(bn).multiply(spread)) > 0;
        BigDecimal distance = offset.abs().divide(bn, MathContext.DECIMAL128).divide(sd, MathContext.DECIMAL128);
        // shown at 2 decimals, more when 2 would read as the other side of k (3.001 flagged is not "3, more than 3")
        BigDecimal distanceD = distance.setScale(2, RoundingMode.HALF_UP);
        for (int scale = 3; scale <= 8 && (distanceD.compareTo(k) > 0) != flagged; scale++) {
            distanceD = distance.setScale(scale, flagged ? RoundingMode.UP : RoundingMode.DOWN);
        }
        return new IntegrityCheck(key, rule, metricCode, flagged ? IntegrityOutcome.FLAGGED : IntegrityOutcome.CLEAR,
                metricCode + " changed by " + Decimals.clean(change) + " since " + previousYear + ", "
                        + Decimals.clean(distanceD) + " standard deviations from the mean change of " + n
                        + " other schools (" + (flagged ? "more than " : "at most ") + Decimals.clean(k) + ")",
                IntegrityEvidence.yearOverYear(previousYear, Decimals.clean(value), Decimals.clean(previousValue),
                        Decimals.clean(change), Decimals.clean(meanD), Decimals.clean(sdD), (long) n,
                        Decimals.clean(distanceD), Decimals.clean(k)));
    }
}
