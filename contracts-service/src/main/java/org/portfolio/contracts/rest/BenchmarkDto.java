package org.portfolio.contracts.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.AutonomyDomain;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkCategory;
import org.portfolio.contracts.domain.BenchmarkComparator;
import org.portfolio.contracts.domain.BenchmarkSpec;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.platform.web.openapi.UniqueItems;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Schema(description = "A benchmark: a metric compared with a target for a school year, what it guards and what a miss triggers")
public record BenchmarkDto(
        @Schema(description = "Set in answers; send it back to keep this benchmark (and its evaluations) through an edit "
                + "or amendment, leave it out to add a new one") UUID benchmarkId,
        @Schema(description = "Metric code of the performance framework", examples = "TEACHER_VACANCIES")
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,59}", message = "must be an upper-case code such as ELA_PROFICIENCY") String metricCode,
        @Schema(examples = "LTE") @NotNull BenchmarkComparator comparator,
        // 13 whole digits: the bounds themselves (±10^12, as declared) are targets; @Digits(integer = 12) refused them
        // with 400 (the bad-input sweep's boundary cases, 2026-12-06). The columns are numeric (here) and numeric(18, 4)
        // (autonomy-service's copy): both hold them.
        @Schema(examples = "3") @NotNull @Digits(integer = 13, fraction = 6) @DecimalMin("-1000000000000") @DecimalMax("1000000000000") BigDecimal target,
        @Schema(description = "The school year the benchmark is measured for; within the term", examples = "2026-27")
        @NotNull @Pattern(regexp = SchoolYear.PATTERN, message = "must be a school year such as 2026-27") String period,
        @Schema(examples = "ORGANIZATIONAL") @NotNull BenchmarkCategory category,
        // a list, so that maxItems counts what is sent (read into a set, copies of one value were one; fourteenth pass)
        @Schema(description = "Autonomy domains revoked when it is missed; each needs a provision. " + UniqueItems.NOTE, examples = "[\"PEOPLE\"]")
        @Size(max = 4) List<@NotNull AutonomyDomain> guardsDomains,
        @Schema(description = "The intervention level a miss triggers (NONE: a miss does not move the level)", examples = "NOTICE_OF_CONCERN")
        @NotNull InterventionLevel missTriggers,
        @Schema(description = "Reinstate the guarded autonomies when a later evaluation is MET (default false)", examples = "true")
        Boolean reinstateOnMet,
        @Schema(examples = "Teacher vacancies on the first school day") @Size(max = 1000) String description) {

    BenchmarkSpec toSpec() {
        return new BenchmarkSpec(benchmarkId, metricCode, comparator, target, period, category,
                guardsDomains == null ? null : Set.copyOf(guardsDomains),
                missTriggers, Boolean.TRUE.equals(reinstateOnMet), description);
    }

    static BenchmarkDto of(Benchmark b) {
        return new BenchmarkDto(b.benchmarkId, b.metricCode, b.comparator, b.target, b.period, b.category,
                List.copyOf(new TreeSet<>(b.guardsDomains)), b.missTriggers, b.reinstateOnMet, b.description);
    }
}
