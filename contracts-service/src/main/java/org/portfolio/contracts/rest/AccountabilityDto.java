package org.portfolio.contracts.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.OverdueAction;

import java.util.List;

@Schema(name = "AccountabilityTerms", description = "The accountability clock the contract sets: when each intervention "
        + "step is due and reviewed, what an overdue step does, when a benchmark without data becomes MISSING_DATA, and "
        + "whether data that is missing or suppressed counts as a miss. Left out (or any part left out): no dates, an "
        + "overdue step is only flagged, no MISSING_DATA, nothing without a value counts as a miss. Answers state every part "
        + "but missingDataGraceDays, which they leave out when the contract never marks MISSING_DATA. Out-of-range "
        + "values are 422.")
public record AccountabilityDto(
        @Schema(description = "Per intervention level (not NONE), each at most once: days from the step's start to its "
                + "due date and to its review date. A level not listed has no dates.")
        @Size(max = 10) List<@NotNull @Valid Step> interventionSteps,
        @Schema(description = "What happens when a step passes its due date while the contract is still at that level: "
                + "FLAG (recorded and announced; oversight decides) or ESCALATE (also one level up; REVOCATION can only "
                + "be flagged). Default FLAG.", examples = "ESCALATE") OverdueAction overdueStep,
        @Schema(description = "Days after the last day of a benchmark's school year by which a value must have come; "
                + "after that a benchmark without any value is MISSING_DATA. Absent: never MISSING_DATA.",
                minimum = "0", maximum = "365", examples = "60") Integer missingDataGraceDays,
        @Schema(description = "MISSING_DATA counts as a miss (a MISSED BenchmarkEvaluated: revokes guarded autonomy, moves "
                + "the intervention ladder). Needs missingDataGraceDays. Default false.", examples = "true")
        Boolean missingDataCountsAsMiss,
        @Schema(description = "A suppressed value (INSUFFICIENT_DATA: n below the framework's minimum) counts as a miss. "
                + "Default false.", examples = "false") Boolean insufficientDataCountsAsMiss) {

    @Schema(name = "AccountabilityStep", description = "The dates of an intervention step at one level, in days from "
            + "the day the contract reached that level")
    public record Step(@Schema(examples = "CORRECTIVE_ACTION_PLAN") @NotNull InterventionLevel level,
                       @Schema(description = "Days to the due date", minimum = "1", maximum = "730", examples = "90")
                       Integer dueInDays,
                       @Schema(description = "Days to the review date (not after the due date)", minimum = "1",
                               maximum = "730", examples = "45") Integer reviewInDays) {
    }

    AccountabilityTerms toTerms() {
        return new AccountabilityTerms(interventionSteps == null ? List.of() : interventionSteps.stream()
                .map(s -> new AccountabilityTerms.Step(s.level(), s.dueInDays(), s.reviewInDays())).toList(),
                overdueStep, missingDataGraceDays, Boolean.TRUE.equals(missingDataCountsAsMiss),
                Boolean.TRUE.equals(insufficientDataCountsAsMiss));
    }

    static AccountabilityTerms terms(AccountabilityDto d) {
        return d == null ? null : d.toTerms();
    }

    static AccountabilityDto of(AccountabilityTerms t) {
        return new AccountabilityDto(t.interventionSteps().stream()
                .map(s -> new Step(s.level(), s.dueInDays(), s.reviewInDays())).toList(), t.overdueStep(),
                t.missingDataGraceDays(), t.missingDataCountsAsMiss(), t.insufficientDataCountsAsMiss());
    }
}
