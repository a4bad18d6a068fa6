package org.portfolio.contracts.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.AccountabilityTerms;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.ClockFactKind;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.ContractVersion;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionChange;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.OverdueAction;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.events.InterventionStepOverdue;
import org.portfolio.contracts.repository.ClockFactRepository;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.InterventionChangeRepository;
import org.portfolio.contracts.repository.MetricObservationRepository;
import org.portfolio.platform.events.outbox.Outbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The accountability clock (issue 15): finds intervention steps past their due date and benchmarks whose data did not
 * come by the contract's grace period, and applies what the contract says. Runs on a cron
 * ({@code portfolio.contracts.clock.cron}, hourly by default) and on demand ({@code POST /api/contracts/clock/runs}).
 *
 * <p>Each finding is handled in its own transaction that first locks the contract row, then records the finding in
 * {@code clock_fact} under a unique key, and applies the effect (history, events through the outbox, an escalation)
 * only if this transaction recorded it. So when several replicas run the clock at the same moment each effect happens
 * exactly once: the second inserter of a fact waits for the first and inserts nothing; a failure rolls back the fact
 * with its effect, and the next run tries again.
 */
@ApplicationScoped
public class AccountabilityClock {

    private static final Logger LOG = Logger.getLogger(AccountabilityClock.class);

    /** What one run found and applied. */
    public record Run(LocalDate today, int stepsOverdue, int stepsEscalated, int benchmarksMissingData) {
    }

    @Inject
    ContractRepository contracts;

    @Inject
    ClockFactRepository facts;

    @Inject
    InterventionChangeRepository changes;

    @Inject
    MetricObservationRepository observations;

    @Inject
    ContractQueries queries;

    @Inject
    EvaluationService evaluation;

    @Inject
    InterventionService interventions;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    private final MissedRun missed = new MissedRun("The accountability clock");

    @Scheduled(identity = "accountability-clock", cron = "${portfolio.contracts.clock.cron:0 15 * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled() {
        missed.attempt(this::run);
    }

    /** A run that failed at its hour (the database away) is done as soon as it can be, not an hour later. */
    @Scheduled(identity = "accountability-clock-retry", every = "${portfolio.contracts.missed-run-retry:1m}", delayed = "${portfolio.contracts.missed-run-retry:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryMissed() {
        missed.retryIfMissed(this::run);
    }

    /** Whether the last scheduled run failed and waits for its retry. */
    public boolean missedARun() {
        return missed.missed();
    }

    public Run run() {
        LocalDate today = calendar.today();
        int overdue = 0;
        int escalated = 0;
        int missing = 0;
        for (UUID id : QuarkusTransaction.requiringNew().call(() -> facts.overdueCandidates(today))) {
            try {
                Optional<Boolean> r = QuarkusTransaction.requiringNew().call(() -> stepOverdue(id, today));
                if (r.isPresent()) {
                    overdue++;
                    escalated += r.get() ? 1 : 0;
                }
            } catch (RuntimeException e) {
                LOG.errorf(org.portfolio.platform.web.http.LoggedErrors.of(e), "Could not apply the overdue step of contract %s; the next run tries again", id);
            }
        }
        for (ClockFactRepository.MissingCandidate m : QuarkusTransaction.requiringNew()
                .call(() -> facts.missingCandidates(today.minusYears(3)))) {
            if (!"ACTIVE".equals(m.status()) && !Contract.answersLateFor(ContractStatus.valueOf(m.status()), m.endedOn(),
                    m.successorStart() == null ? null : SchoolYear.parse(m.successorStart()), SchoolYear.parse(m.period()),
                    calendar.lastDay())) {
                continue; // an ended contract's earlier years, or years its successor answers for: never a finding
            }
            try {
                if (QuarkusTransaction.requiringNew().call(() -> dataMissing(m, today))) {
                    missing++;
                }
            } catch (RuntimeException e) {
                LOG.errorf(org.portfolio.platform.web.http.LoggedErrors.of(e), "Could not record missing data of benchmark %s of contract %s; the next run tries again",
                        m.benchmarkId(), m.contractId());
            }
        }
        if (overdue + missing > 0) {
            LOG.infof("Accountability clock on %s: %d overdue step(s) (%d escalated), %d benchmark(s) MISSING_DATA",
                    today, overdue, escalated, missing);
        }
        return new Run(today, overdue, escalated, missing);
    }

    /** Empty if nothing was applied (not due, or another run applied it); else whether the step escalated. */
    private Optional<Boolean> stepOverdue(UUID contractId, LocalDate today) {
        Contract c = contracts.lock(contractId);
        if (c == null || c.status != ContractStatus.ACTIVE || c.interventionDueDate == null
                || !c.interventionDueDate.isBefore(today)) {
            return Optional.empty();
        }
        Instant now = calendar.now();
        LocalDate due = c.interventionDueDate;
        InterventionChange step = changes.latest(c.id).filter(ch -> ch.level == c.interventionLevel).orElse(null);
        UUID subject = step != null ? step.id : c.id;
        if (!facts.recordOnce(ClockFactKind.STEP_OVERDUE, c.id, c.schoolId(), subject, null, null, due, today, now)) {
            return Optional.empty();
        }
        AccountabilityTerms terms = queries.current(c).accountabilityTerms();
        InterventionLevel level = c.interventionLevel;
        boolean escalates = terms.overdueStep() == OverdueAction.ESCALATE && level.next() != level;
        if (!escalates && c.renewsContractId != null && facts.stepFoundOverdueUnder(c.renewsContractId, due)) {
            // a renewal carries the step over with its dates (ContractActivation): it was found overdue (and flagged)
            // under the contract it renews, so it is recorded for this one too and not flagged a second time; a renewal
            // whose terms escalate an overdue step does escalate it
            return Optional.empty();
        }
        String what = "Intervention step " + level + " (since " + c.interventionSince + ") was due on " + due
                + " and is overdue";
        String description = what + (escalates ? "; the contract escalates an overdue step one level to " + level.next()
                : terms.overdueStep() == OverdueAction.ESCALATE
                ? "; REVOCATION is the top of the ladder, so it is flagged for oversight"
                : "; the contract flags an overdue step for oversight");
        outbox.publish("Contract", c.id, InterventionStepOverdue.NAME, c.schoolId(), new InterventionStepOverdue(c.id,
                c.schoolId(), level.name(), c.interventionSince, due, c.interventionReviewDate, today,
                escalates ? "ESCALATED" : "FLAGGED", escalates ? level.next().name() : null, step == null ? null : step.id,
                description));
        history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.INTERVENTION_STEP_OVERDUE, description,
                EvaluationService.SYSTEM, null, today, subject, HistoryService.cause("kind", "STEP_OVERDUE",
                "level", level.name(), "dueDate", due.toString(), "changeId", step == null ? null : step.id,
                "action", escalates ? "ESCALATED" : "FLAGGED")));
        if (escalates) {
            interventions.change(c, level.next(), description, InterventionCauseKind.STEP_OVERDUE, null, null,
                    EvaluationService.SYSTEM, today);
        }
        return Optional.of(escalates);
    }

    private boolean dataMissing(ClockFactRepository.MissingCandidate m, LocalDate today) {
        Contract c = contracts.lock(m.contractId());
        if (c == null || !(c.status == ContractStatus.ACTIVE || evaluation.answersLate(c, SchoolYear.parse(m.period())))) {
            return false;
        }
        ContractVersion v = queries.current(c);
        AccountabilityTerms terms = v.accountabilityTerms();
        Benchmark b = v.benchmarks.stream().filter(x -> x.benchmarkId.equals(m.benchmarkId()) && x.period.equals(m.period()))
                .findFirst().orElse(null);
        if (b == null || !terms.tracksMissingData()) {
            return false;
        }
        LocalDate periodEnded = calendar.lastDayOf(SchoolYear.parse(b.period));
        LocalDate dueBy = periodEnded.plusDays(terms.missingDataGraceDays());
        // a value, or a suppressed one, came; a withdrawn value (its records retracted) is no value
        if (!dueBy.isBefore(today) || observations.find(c.schoolId(), b.metricCode, b.period)
                .filter(o -> o.value != null || o.suppressed).isPresent()) {
            return false;
        }
        if (!facts.recordOnce(ClockFactKind.DATA_MISSING, c.id, c.schoolId(), b.benchmarkId, b.period, b.metricCode, dueBy,
                today, calendar.now())) {
            return false;
        }
        evaluation.missingData(c, b, periodEnded, terms.missingDataGraceDays(), dueBy);
        return true;
    }
}
