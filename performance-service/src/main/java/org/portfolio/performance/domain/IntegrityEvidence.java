package org.portfolio.performance.domain;

import java.math.BigDecimal;

/**
 * The evidence of an integrity check: aggregate counts and figures, never a student id. Which fields are there
 * depends on the rule; the rest are absent.
 *
 * <ul>
 *   <li>LOW_PARTICIPATION / HIGH_EXCLUSION: {@code students}, {@code tested}, {@code notTested}, {@code excluded},
 *   {@code participationPercent}, {@code excludedPercent}, {@code thresholdPercent};</li>
 *   <li>ENROLLMENT_DROP: {@code fallCount}, {@code leavers}, {@code leaversWithPriorResult},
 *   {@code leaversLowPriorResult}, {@code stayersWithPriorResult}, {@code stayersLowPriorResult},
 *   {@code leaversLowPercent}, {@code stayersLowPercent}, {@code differencePoints}, {@code thresholdPoints},
 *   {@code proficientLevel};</li>
 *   <li>YEAR_OVER_YEAR_CHANGE: {@code previousYear}, {@code value}, {@code previousValue}, {@code change},
 *   {@code portfolioMeanChange}, {@code portfolioStandardDeviation}, {@code schoolsCompared},
 *   {@code standardDeviations} (how far this change is), {@code thresholdStandardDeviations} (k).</li>
 * </ul>
 */
public record IntegrityEvidence(Long students, Long tested, Long notTested, Long excluded,
                                BigDecimal participationPercent, BigDecimal excludedPercent, BigDecimal thresholdPercent,
                                Long fallCount, Long leavers, Long leaversWithPriorResult, Long leaversLowPriorResult,
                                Long stayersWithPriorResult, Long stayersLowPriorResult, BigDecimal leaversLowPercent,
                                BigDecimal stayersLowPercent, BigDecimal differencePoints, BigDecimal thresholdPoints,
                                Integer proficientLevel,
                                String previousYear, BigDecimal value, BigDecimal previousValue, BigDecimal change,
                                BigDecimal portfolioMeanChange, BigDecimal portfolioStandardDeviation,
                                Long schoolsCompared, BigDecimal standardDeviations,
                                BigDecimal thresholdStandardDeviations) {

    public static final IntegrityEvidence NONE = participation(null, null, null, null, null, null, null);

    public static IntegrityEvidence participation(Long students, Long tested, Long notTested, Long excluded,
                                                  BigDecimal participationPercent, BigDecimal excludedPercent,
                                                  BigDecimal thresholdPercent) {
        return new IntegrityEvidence(students, tested, notTested, excluded, participationPercent, excludedPercent,
                thresholdPercent, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public static IntegrityEvidence drop(Long fallCount, Long leavers, Long leaversWithPrior, Long leaversLow,
                                         Long stayersWithPrior, Long stayersLow, BigDecimal leaversLowPercent,
                                         BigDecimal stayersLowPercent, BigDecimal differencePoints,
                                         BigDecimal thresholdPoints, Integer proficientLevel) {
        return new IntegrityEvidence(null, null, null, null, null, null, null, fallCount, leavers, leaversWithPrior,
                leaversLow, stayersWithPrior, stayersLow, leaversLowPercent, stayersLowPercent, differencePoints,
                thresholdPoints, proficientLevel, null, null, null, null, null, null, null, null, null);
    }

    public static IntegrityEvidence yearOverYear(String previousYear, BigDecimal value, BigDecimal previousValue,
                                                 BigDecimal change, BigDecimal mean, BigDecimal sd, Long schools,
                                                 BigDecimal distance, BigDecimal k) {
        return new IntegrityEvidence(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, previousYear, value, previousValue, change, mean, sd, schools, distance, k);
    }
}
