package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The integrity section of a framework: the threshold of each integrity rule. A field left out takes its default,
 * and a framework stored before the section existed takes every default ({@link #effective}).
 *
 * @param participationMinimumPercent      a subject's participation (tested / tested + not tested) below this raises LOW_PARTICIPATION
 * @param exclusionMaximumPercent          a subject's share of students EXEMPT or EXCLUDED above this raises HIGH_EXCLUSION
 * @param yearOverYearStandardDeviations   k: a change since the previous year further than k standard deviations from
 *                                         the mean of the other schools' changes raises YEAR_OVER_YEAR_CHANGE
 * @param yearOverYearMinimumSchools       the other schools with a change needed to compute that spread
 * @param enrollmentDropConcentrationPoints leavers' share with a low prior result exceeding the stayers' by at least
 *                                          this many percentage points raises ENROLLMENT_DROP
 * @param enrollmentDropMinimumLeavers     fewer leavers (with a prior result) than this: not computable
 */
public record IntegrityRules(BigDecimal participationMinimumPercent, BigDecimal exclusionMaximumPercent,
                             BigDecimal yearOverYearStandardDeviations, Integer yearOverYearMinimumSchools,
                             BigDecimal enrollmentDropConcentrationPoints, Integer enrollmentDropMinimumLeavers) {

    public static final IntegrityRules DEFAULTS = new IntegrityRules(BigDecimal.valueOf(95), BigDecimal.valueOf(10),
            BigDecimal.valueOf(3), 10, BigDecimal.valueOf(20), 5);

    /** These rules with every absent field (or the whole section) taken from the defaults. */
    public static IntegrityRules effective(IntegrityRules r) {
        if (r == null) {
            return DEFAULTS;
        }
        return new IntegrityRules(or(r.participationMinimumPercent, DEFAULTS.participationMinimumPercent),
                or(r.exclusionMaximumPercent, DEFAULTS.exclusionMaximumPercent),
                or(r.yearOverYearStandardDeviations, DEFAULTS.yearOverYearStandardDeviations),
                or(r.yearOverYearMinimumSchools, DEFAULTS.yearOverYearMinimumSchools),
                or(r.enrollmentDropConcentrationPoints, DEFAULTS.enrollmentDropConcentrationPoints),
                or(r.enrollmentDropMinimumLeavers, DEFAULTS.enrollmentDropMinimumLeavers));
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }

    /** The ranges, one violation per field out of range (JSON path under {@code integrity}). */
    public static void check(IntegrityRules r, List<Violation> out) {
        if (r == null) {
            return;
        }
        percent("participationMinimumPercent", r.participationMinimumPercent, false, out);
        percent("exclusionMaximumPercent", r.exclusionMaximumPercent, false, out);
        percent("enrollmentDropConcentrationPoints", r.enrollmentDropConcentrationPoints, true, out);
        BigDecimal k = r.yearOverYearStandardDeviations;
        if (k != null && (k.compareTo(new BigDecimal("0.5")) < 0 || k.compareTo(BigDecimal.TEN) > 0)) {
            out.add(new Violation("integrity.yearOverYearStandardDeviations", "must be between 0.5 and 10"));
        }
        whole("yearOverYearMinimumSchools", r.yearOverYearMinimumSchools, 3, 1000, out);
        whole("enrollmentDropMinimumLeavers", r.enrollmentDropMinimumLeavers, 1, 10_000, out);
    }

    private static void percent(String field, BigDecimal v, boolean aboveZero, List<Violation> out) {
        if (v == null) {
            return;
        }
        if ((aboveZero ? v.signum() <= 0 : v.signum() < 0) || v.compareTo(BigDecimal.valueOf(100)) > 0) {
            out.add(new Violation("integrity." + field, aboveZero ? "must be more than 0 and at most 100"
                    : "must be between 0 and 100"));
        } else if (v.stripTrailingZeros().scale() > 1) {
            out.add(new Violation("integrity." + field, "must have at most one decimal"));
        }
    }

    private static void whole(String field, Integer v, int min, int max, List<Violation> out) {
        if (v != null && (v < min || v > max)) {
            out.add(new Violation("integrity." + field, "must be between " + min + " and " + max));
        }
    }
}
