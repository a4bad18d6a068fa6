package org.portfolio.performance.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.FrameworkDefinition;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.RatingTier;
import org.portfolio.performance.service.FrameworkService;

import java.math.BigDecimal;
import java.util.List;

@Schema(description = "A performance framework version for one school year (metrics' weights add up to 100 points)")
public record FrameworkRequest(
        @Schema(examples = "2027-28", pattern = SchoolYear.PATTERN) @NotBlank String schoolYear,
        @Schema(examples = "Portfolio performance framework 2027-28") @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Schema(description = "Values with n below this are suppressed from public views and ratings. At least the "
                + "deployment's floor (`portfolio.performance.minimum-n-floor`, 5 unless its operator set another): "
                + "below it a 422 invalid-framework naming minimumN", examples = "10")
        @NotNull @Min(0) @Max(1000) Integer minimumN,
        @Schema(description = "Performance level (1–5) at or above which a student is proficient", examples = "3")
        @NotNull @Min(1) @Max(5) Integer proficientLevel,
        @Schema(description = "A school is rated only when its available metrics weigh at least this share of the "
                + "framework; at most one decimal (more is a 422 invalid-framework)", examples = "50")
        @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal minimumCoveragePercent,
        @Schema(description = "Points per category; they add up to 100") @NotNull @Size(min = 1, max = 3)
        List<@Valid @NotNull CategoryWeight> categories,
        @Schema(description = "Metrics with their weight (points) and cut points") @NotNull @Size(min = 1, max = 100)
        List<@Valid @NotNull FrameworkMetric> metrics,
        @Schema(description = "EXCEEDS, MEETS, APPROACHING, DOES_NOT_MEET, best first, with the share of available points each needs")
        @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull Tier> tiers,
        @Schema(description = "Thresholds of the integrity checks; absent (or a field of it absent): the defaults "
                + "(participation 95, exclusion 10, k 3 over at least 10 schools, drop concentration 20 points over at "
                + "least 5 leavers). Out of range: 422 invalid-framework")
        Integrity integrity) {

    @Schema(description = "The thresholds of the integrity checks (docs/performance-service.md#integrity-flags)")
    public record Integrity(
            @Schema(description = "A subject's participation (tested / (tested + not tested)) below this raises "
                    + "LOW_PARTICIPATION", examples = "95", minimum = "0", maximum = "100")
            BigDecimal participationMinimumPercent,
            @Schema(description = "A subject's share of students EXEMPT or EXCLUDED above this raises HIGH_EXCLUSION",
                    examples = "10", minimum = "0", maximum = "100")
            BigDecimal exclusionMaximumPercent,
            @Schema(description = "k: a change since the previous year further than k standard deviations from the "
                    + "mean change of the other schools raises YEAR_OVER_YEAR_CHANGE", examples = "3",
                    minimum = "0.5", maximum = "10")
            BigDecimal yearOverYearStandardDeviations,
            @Schema(description = "Other schools with a change needed before that rule is computable", examples = "10",
                    minimum = "3", maximum = "1000")
            Integer yearOverYearMinimumSchools,
            @Schema(description = "Leavers' share with a low prior result above the stayers' by at least this many "
                    + "percentage points raises ENROLLMENT_DROP", examples = "20", minimum = "0", exclusiveMinimum = true, maximum = "100")
            BigDecimal enrollmentDropConcentrationPoints,
            @Schema(description = "Fewer leavers with a prior result than this: the drop rule is not computable",
                    examples = "5", minimum = "1", maximum = "10000")
            Integer enrollmentDropMinimumLeavers) {

        static Integrity of(org.portfolio.performance.domain.IntegrityRules r) {
            return new Integrity(Decimals.clean(r.participationMinimumPercent()), Decimals.clean(r.exclusionMaximumPercent()),
                    Decimals.clean(r.yearOverYearStandardDeviations()), r.yearOverYearMinimumSchools(),
                    Decimals.clean(r.enrollmentDropConcentrationPoints()), r.enrollmentDropMinimumLeavers());
        }

        org.portfolio.performance.domain.IntegrityRules toRules() {
            return new org.portfolio.performance.domain.IntegrityRules(participationMinimumPercent, exclusionMaximumPercent,
                    yearOverYearStandardDeviations, yearOverYearMinimumSchools, enrollmentDropConcentrationPoints,
                    enrollmentDropMinimumLeavers);
        }
    }

    @Schema(description = "A category's weight in points")
    public record CategoryWeight(@NotNull MetricCategory category,
                                 @Schema(examples = "60") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal weight) {
    }

    @Schema(description = "A metric of the framework")
    public record FrameworkMetric(
            @Schema(examples = "ELA_PROFICIENCY") @NotBlank @Size(max = 60) String metricCode,
            @Schema(description = "Points the metric is worth", examples = "16") @NotNull @DecimalMin("0") @DecimalMax("100")
            BigDecimal weight,
            @Schema(description = "Overrides the framework's minimum n for this metric (0 = never suppressed; absent: the framework's). A metric "
                    + "about students (ACADEMIC, or computed from student records) may only raise it (422 otherwise)")
            @Min(0) @Max(1000) Integer minimumN,
            @Schema(description = "By increasing threshold; points grow in the metric's good direction up to its weight")
            @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull CutPoint> cutPoints) {
    }

    @Schema(description = "Values at or beyond the threshold (in the metric's good direction) earn the points")
    public record CutPoint(@Schema(description = "Within the metric's unit (a percent 0–100, a count whole and not negative, …)",
                                   examples = "50") @NotNull @DecimalMin("-9999999999.9999") @DecimalMax("9999999999.9999")
                           BigDecimal threshold,
                           // declared here, enforced by FrameworkRules with the framework's other rules (422
                           // invalid-framework, every broken rule at once): more than 0, at most the metric's weight (≤ 100)
                           @Schema(description = "More than 0, at most the metric's weight", examples = "12", minimum = "0",
                                   exclusiveMinimum = true, maximum = "100") @NotNull BigDecimal points) {
    }

    @Schema(description = "The share of available points a tier needs")
    public record Tier(@NotNull RatingTier tier,
                       @Schema(examples = "60") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal minimumPercent) {
    }

    FrameworkService.Content toContent() {
        return new FrameworkService.Content(schoolYear, name, description, minimumN, proficientLevel.shortValue(),
                minimumCoveragePercent, new FrameworkDefinition(
                categories.stream().map(c -> new FrameworkDefinition.CategoryWeight(c.category(), c.weight())).toList(),
                metrics.stream().map(m -> new FrameworkDefinition.FrameworkMetric(m.metricCode(), m.weight(), m.minimumN(),
                        m.cutPoints().stream().map(c -> new FrameworkDefinition.CutPoint(c.threshold(), c.points())).toList()))
                        .toList(),
                tiers.stream().map(t -> new FrameworkDefinition.TierThreshold(t.tier(), t.minimumPercent())).toList(),
                integrity == null ? null : integrity.toRules()));
    }
}
