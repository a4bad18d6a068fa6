package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.repository.ClockFactRepository;
import org.portfolio.contracts.repository.ContractRepository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The contracts calendar (issue 15): ACTIVE contracts that end soon, intervention steps whose review is due, and what is
 * overdue (steps past their due date, benchmarks found MISSING_DATA that still have no value), for the schools the
 * caller may see.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ContractCalendar {

    /** At most this many entries per list. */
    public static final int MAX_ENTRIES = 500;

    public record MissingData(Contract contract, UUID benchmarkId, String metricCode, String period, LocalDate dueBy) {
    }

    public record Calendar(LocalDate today, LocalDate expiringBy, LocalDate reviewsBy, List<Contract> expiring,
                           List<Contract> reviewsDue, List<Contract> overdueSteps, List<MissingData> missingData) {
    }

    @Inject
    ContractRepository contracts;

    @Inject
    ClockFactRepository facts;

    @Inject
    SchoolCalendar calendar;

    @Inject
    ContractQueries queries;

    @Inject
    EvaluationService evaluation;

    /**
     * @param schoolIn the schools the caller may see (null: every school)
     */
    public Calendar calendar(Collection<UUID> schoolIn, int expiringWithinDays, int reviewsDueWithinDays,
                             boolean overdue) {
        LocalDate today = calendar.today();
        LocalDate expiringBy = today.plusDays(expiringWithinDays);
        LocalDate reviewsBy = today.plusDays(reviewsDueWithinDays);
        if (schoolIn != null && schoolIn.isEmpty()) {
            return new Calendar(today, expiringBy, reviewsBy, List.of(), List.of(), List.of(), List.of());
        }
        List<String> endYears = new ArrayList<>();
        for (SchoolYear y = calendar.currentSchoolYear(); !calendar.lastDayOf(y).isAfter(expiringBy); y = y.plusYears(1)) {
            endYears.add(y.toString());
        }
        List<Contract> expiring = contracts.activeEndingBy(endYears, expiringBy, schoolIn, MAX_ENTRIES).stream()
                .sorted(java.util.Comparator.comparing((Contract c) -> endsOn(c)).thenComparing(c -> c.school.name))
                .toList();
        List<Contract> reviews = contracts.activeWithReviewBy(reviewsBy, schoolIn, MAX_ENTRIES);
        List<Contract> steps = overdue ? contracts.activeWithStepDueBefore(today, schoolIn, MAX_ENTRIES) : List.of();
        List<MissingData> missing = List.of();
        if (overdue) {
            var open = facts.openMissing(schoolIn, MAX_ENTRIES);
            Map<UUID, Contract> byId = open.stream().map(ClockFactRepository.OpenMissing::contractId).distinct()
                    .map(contracts::findById).collect(Collectors.toMap(c -> c.id, Function.identity()));
            // what the contract still answers for (an ended term its last years: the clock finds them after the end) and
            // still has (an amendment may drop the benchmark or the missing-data terms): hostile review of the
            // twenty-fourth pass, N1 (a finding left the calendar at the renewal, one made after it never came) and N2
            missing = open.stream().filter(m -> stillOwed(byId.get(m.contractId()), m))
                    .map(m -> new MissingData(byId.get(m.contractId()), m.benchmarkId(), m.metricCode(),
                    m.period(), m.dueDate())).toList();
        }
        return new Calendar(today, expiringBy, reviewsBy, expiring, reviews, steps, missing);
    }

    private boolean stillOwed(Contract c, ClockFactRepository.OpenMissing m) {
        if (c.status != ContractStatus.ACTIVE && !evaluation.answersLate(c, SchoolYear.parse(m.period()))) {
            return false;
        }
        ContractVersion v = queries.current(c);
        return v.accountabilityTerms().tracksMissingData() && v.benchmarks.stream().anyMatch(b ->
                b.benchmarkId.equals(m.benchmarkId()) && b.period.equals(m.period()) && b.metricCode.equals(m.metricCode()));
    }

    /** The day an ACTIVE contract ends: its decided end, else its term's last day. */
    public LocalDate endsOn(Contract c) {
        return c.scheduledEndDate != null ? c.scheduledEndDate : calendar.lastDayOf(c.termEnd());
    }
}
