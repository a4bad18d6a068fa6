package org.portfolio.performance.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.IntegrityEvidence;

import java.math.BigDecimal;

@Schema(name = "IntegrityEvidence", description = "The evidence of an integrity check: aggregate counts and figures, never a student id. "
        + "LOW_PARTICIPATION and HIGH_EXCLUSION carry students … thresholdPercent; ENROLLMENT_DROP fallCount … "
        + "proficientLevel; YEAR_OVER_YEAR_CHANGE previousYear … thresholdStandardDeviations. A figure that could not "
        + "be computed is absent")
public record IntegrityEvidenceResponse(
        @Schema(description = "Students of the subject (each once)") Long students,
        @Schema(description = "Students tested") Long tested,
        @Schema(description = "Students stated NOT_TESTED (and not tested in another row)") Long notTested,
        @Schema(description = "Students EXEMPT or EXCLUDED") Long excluded,
        @Schema(description = "tested / (tested + notTested), percent, one decimal") BigDecimal participationPercent,
        @Schema(description = "excluded / students, percent") BigDecimal excludedPercent,
        @Schema(description = "The framework's threshold for the rule") BigDecimal thresholdPercent,
        @Schema(description = "Students on the fall count") Long fallCount,
        @Schema(description = "Of them, those who left before testing") Long leavers,
        @Schema(description = "Leavers with a result the year before") Long leaversWithPriorResult,
        @Schema(description = "Leavers whose prior result was below proficient") Long leaversLowPriorResult,
        @Schema(description = "Students who stayed, with a result the year before") Long stayersWithPriorResult,
        @Schema(description = "Stayers whose prior result was below proficient") Long stayersLowPriorResult,
        @Schema(description = "Share of leavers (with a prior result) below proficient") BigDecimal leaversLowPercent,
        @Schema(description = "Share of stayers (with a prior result) below proficient") BigDecimal stayersLowPercent,
        @Schema(description = "leaversLowPercent − stayersLowPercent") BigDecimal differencePoints,
        @Schema(description = "The framework's concentration threshold (points)") BigDecimal thresholdPoints,
        @Schema(description = "The proficient level that separates low prior results") Integer proficientLevel,
        @Schema(description = "The school year compared with") String previousYear,
        @Schema(description = "This year's value") BigDecimal value,
        @Schema(description = "The previous year's value") BigDecimal previousValue,
        @Schema(description = "value − previousValue") BigDecimal change,
        @Schema(description = "Mean change of the other schools") BigDecimal portfolioMeanChange,
        @Schema(description = "Standard deviation of the other schools' changes") BigDecimal portfolioStandardDeviation,
        @Schema(description = "Other schools with both years") Long schoolsCompared,
        @Schema(description = "How many standard deviations this change is from the mean") BigDecimal standardDeviations,
        @Schema(description = "k, the framework's threshold") BigDecimal thresholdStandardDeviations) {

    static IntegrityEvidenceResponse of(IntegrityEvidence e) {
        return e == null ? null : new IntegrityEvidenceResponse(e.students(), e.tested(), e.notTested(), e.excluded(), e.participationPercent(), e.excludedPercent(), e.thresholdPercent(), e.fallCount(), e.leavers(), e.leaversWithPriorResult(), e.leaversLowPriorResult(), e.stayersWithPriorResult(), e.stayersLowPriorResult(), e.leaversLowPercent(), e.stayersLowPercent(), e.differencePoints(), e.thresholdPoints(), e.proficientLevel(), e.previousYear(), e.value(), e.previousValue(), e.change(), e.portfolioMeanChange(), e.portfolioStandardDeviation(), e.schoolsCompared(), e.standardDeviations(), e.thresholdStandardDeviations());
    }
}
