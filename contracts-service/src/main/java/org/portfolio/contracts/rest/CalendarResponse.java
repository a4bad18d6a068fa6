package org.portfolio.contracts.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.service.ContractCalendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

@Schema(description = "The contracts calendar: ACTIVE contracts that end within the window, intervention steps whose "
        + "review is due, and what is overdue (steps past their due date, benchmarks whose data did not come), for the "
        + "schools the caller may see. At most 500 entries per list.",
        requiredProperties = {"today", "expiringBy", "reviewsDueBy", "expiring", "reviewsDue", "overdue"})
public record CalendarResponse(
        @Schema(description = "Today in the district's time zone") LocalDate today,
        @Schema(description = "The last day of the expiring window") LocalDate expiringBy,
        @Schema(description = "The last day of the reviews window") LocalDate reviewsDueBy,
        @Schema(description = "Contracts whose term ends, or whose decided end falls, by expiringBy; soonest first")
        List<Expiring> expiring,
        @Schema(description = "Current intervention steps whose review date is by reviewsDueBy (also past reviews of "
                + "steps still under way); soonest first") List<ReviewDue> reviewsDue,
        @Schema(description = "Steps past their due date and benchmarks with MISSING_DATA still without a value; oldest "
                + "first (empty when overdue=false)") List<Overdue> overdue) {

    @Schema(name = "CalendarExpiring", description = "An ACTIVE contract that ends soon", requiredProperties = {"contractId",
            "schoolId", "schoolName", "oversightBodyId", "endsOn", "endsAs", "daysLeft", "interventionLevel"})
    public record Expiring(UUID contractId, UUID schoolId, String schoolName, UUID oversightBodyId,
                           @Schema(description = "The day it ends") LocalDate endsOn,
                           @Schema(description = "How it ends: EXPIRED at term end, or the decided end",
                                   examples = "EXPIRED") ContractStatus endsAs,
                           @Schema(description = "Days from today") long daysLeft,
                           @Schema(examples = "NONE") InterventionLevel interventionLevel) {
    }

    @Schema(name = "CalendarReviewDue", description = "A current intervention step whose review is due",
            requiredProperties = {"contractId", "schoolId", "schoolName", "oversightBodyId", "level", "since", "reviewDate",
                    "daysLeft"})
    public record ReviewDue(UUID contractId, UUID schoolId, String schoolName, UUID oversightBodyId,
                            @Schema(examples = "CORRECTIVE_ACTION_PLAN") InterventionLevel level,
                            @Schema(description = "Since when the contract is at this level") LocalDate since,
                            LocalDate reviewDate,
                            @Schema(description = "Days from today (negative: the review date has passed)") long daysLeft,
                            @Schema(description = "The step's due date, if the contract sets one") LocalDate dueDate) {
    }

    @Schema(name = "CalendarOverdue", description = "Something overdue: an intervention step past its due date "
            + "(STEP_OVERDUE) or a benchmark whose data did not come (MISSING_DATA)", requiredProperties = {"kind", "contractId",
            "schoolId", "schoolName", "oversightBodyId", "dueDate", "daysOverdue", "description"})
    public record Overdue(@Schema(enumeration = {"STEP_OVERDUE", "MISSING_DATA"}, examples = "STEP_OVERDUE") String kind,
                          UUID contractId, UUID schoolId, String schoolName, UUID oversightBodyId,
                          @Schema(description = "The due date that passed") LocalDate dueDate,
                          @Schema(description = "Days since the due date") long daysOverdue,
                          @Schema(description = "STEP_OVERDUE: the step's level") InterventionLevel level,
                          @Schema(description = "MISSING_DATA: the benchmark") UUID benchmarkId,
                          @Schema(description = "MISSING_DATA: its metric", examples = "ELA_PROFICIENCY") String metricCode,
                          @Schema(description = "MISSING_DATA: its school year", examples = "2025-26") String period,
                          @Schema(description = "In words") String description) {
    }

    static CalendarResponse of(ContractCalendar.Calendar cal, ContractCalendar service) {
        LocalDate today = cal.today();
        List<Expiring> expiring = cal.expiring().stream().map(c -> {
            LocalDate on = service.endsOn(c);
            return new Expiring(c.id, c.schoolId(), c.school.name, c.oversightBody.id, on,
                    c.scheduledEndAs != null ? c.scheduledEndAs : ContractStatus.EXPIRED, ChronoUnit.DAYS.between(today, on),
                    c.interventionLevel);
        }).toList();
        List<ReviewDue> reviews = cal.reviewsDue().stream().map(c -> new ReviewDue(c.id, c.schoolId(), c.school.name,
                c.oversightBody.id, c.interventionLevel, c.interventionSince, c.interventionReviewDate,
                ChronoUnit.DAYS.between(today, c.interventionReviewDate), c.interventionDueDate)).toList();
        List<Overdue> overdue = new java.util.ArrayList<>();
        for (Contract c : cal.overdueSteps()) {
            overdue.add(new Overdue("STEP_OVERDUE", c.id, c.schoolId(), c.school.name, c.oversightBody.id,
                    c.interventionDueDate, ChronoUnit.DAYS.between(c.interventionDueDate, today), c.interventionLevel,
                    null, null, null, "Intervention step " + c.interventionLevel + " since " + c.interventionSince
                    + " was due on " + c.interventionDueDate));
        }
        for (ContractCalendar.MissingData m : cal.missingData()) {
            Contract c = m.contract();
            overdue.add(new Overdue("MISSING_DATA", c.id, c.schoolId(), c.school.name, c.oversightBody.id, m.dueBy(),
                    ChronoUnit.DAYS.between(m.dueBy(), today), null, m.benchmarkId(), m.metricCode(), m.period(),
                    "Benchmark " + m.metricCode() + " " + m.period() + ": no data reported by " + m.dueBy()));
        }
        overdue.sort(java.util.Comparator.comparing(Overdue::dueDate).thenComparing(Overdue::schoolName));
        return new CalendarResponse(today, cal.expiringBy(), cal.reviewsBy(), expiring, reviews, overdue);
    }
}
