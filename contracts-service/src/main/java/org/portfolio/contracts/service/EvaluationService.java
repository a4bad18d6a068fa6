package org.portfolio.contracts.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.BenchmarkEvaluation;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.SchoolYear;
import org.portfolio.contracts.domain.EvaluationResult;
import org.portfolio.contracts.domain.EvaluationTrigger;
import org.portfolio.contracts.domain.HistoryKind;
import org.portfolio.contracts.domain.InterventionCauseKind;
import org.portfolio.contracts.domain.InterventionRules;
import org.portfolio.contracts.domain.MetricObservation;
import org.portfolio.contracts.domain.Numbers;
import org.portfolio.contracts.events.BenchmarkDataMissing;
import org.portfolio.contracts.events.BenchmarkEvaluated;
import org.portfolio.contracts.repository.BenchmarkRepository;
import org.portfolio.contracts.repository.ContractRepository;
import org.portfolio.contracts.repository.EvaluationRepository;
import org.portfolio.contracts.repository.MetricObservationRepository;
import org.portfolio.platform.events.outbox.Outbox;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark evaluation. A metric value is kept per school, metric and period (the latest by the time
 * performance-service recorded it); every benchmark of the school's ACTIVE contract on that metric and period
 * is evaluated against it; a MET or MISSED is published as BenchmarkEvaluated, and a miss moves the intervention
 * level by {@link InterventionRules}. A suppressed value is recorded as INSUFFICIENT_DATA and published as nothing.
 */
@ApplicationScoped
@Transactional
public class EvaluationService {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);
    static final String SYSTEM = "system";

    @Inject
    MetricObservationRepository observations;

    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ContractRepository contracts;

    @Inject
    EvaluationRepository evaluations;

    @Inject
    InterventionService interventions;

    @Inject
    HistoryService history;

    @Inject
    Outbox outbox;

    @Inject
    SchoolCalendar calendar;

    @Inject
    org.portfolio.contracts.repository.ClockFactRepository facts;

    @Inject
    org.portfolio.contracts.repository.SchoolRepository schoolRows;

    /**
     * Applies a MetricResultRecorded. Returns the evaluations made: none when the value is older than the one
     * known, or the same value again (not new data).
     */
    public List<BenchmarkEvaluation> onMetricValue(MetricValue v, String eventId) {
        // the school's lock first, as an activation takes it: a value arriving while a contract is activated is
        // evaluated by one of the two, never by neither
        schoolRows.lock(v.schoolId());
        Optional<MetricObservation> known = observations.find(v.schoolId(), v.metricCode(), v.period());
        MetricObservation o;
        if (known.isPresent()) {
            o = known.get();
            if (v.recordedAt().isBefore(o.recordedAt)) {
                LOG.infof("Metric %s %s of school %s from event %s is older than the value known (%s); not re-evaluated",
                        v.metricCode(), v.period(), v.schoolId(), eventId, o.recordedAt);
                return List.of();
            }
            if (o.sameValueAs(Numbers.normalize(v.value()), v.n(), v.suppressed())) {
                LOG.debugf("Metric %s %s of school %s unchanged by event %s; not re-evaluated", v.metricCode(),
                        v.period(), v.schoolId(), eventId);
                return List.of();
            }
        } else {
            o = MetricObservation.of(v.schoolId(), v.metricCode(), v.period());
        }
        o.value = Numbers.normalize(v.value());
        o.n = v.n();
        o.suppressed = v.suppressed();
        o.source = v.source();
        o.resultId = v.resultId();
        o.recordedAt = v.recordedAt();
        o.sourceEventId = eventId;
        o.receivedAt = calendar.now();
        if (known.isEmpty()) {
            observations.persist(o);
        }
        Correction correction = v.correctionId() == null ? null : new Correction(v.correctionId(), v.correctionReasonCode());
        List<Benchmark> active = new java.util.ArrayList<>(benchmarks.activeFor(v.schoolId(), v.metricCode(), v.period()));
        // and an ended term's last years (their results come after its end), recorded and published like any other
        SchoolYear period = SchoolYear.tryParse(v.period()).orElse(null);
        if (period != null) {
            benchmarks.ofEndedTermsFor(v.schoolId(), v.metricCode(), v.period()).stream()
                    .filter(b -> answersLate(b.contractVersion.contract, period))
                    .forEach(active::add);
        }
        // the accountability clock decides MISSING_DATA under the contract's lock: taking it here too (in id order)
        // means a value and a MISSING_DATA finding for the same benchmark never both pass unseen by each other
        active.stream().map(b -> b.contractVersion.contract.id).distinct().sorted().forEach(contracts::lock);
        return active.stream()
                .map(b -> evaluate(b.contractVersion.contract, b, o, correction == null ? EvaluationTrigger.METRIC_RESULT
                        : EvaluationTrigger.CORRECTION, correction))
                .toList();
    }

    /** Whether an ended contract still answers for this school year ({@link Contract#answersLateFor}). */
    public boolean answersLate(Contract c, SchoolYear period) {
        SchoolYear successorStart = c.renewedByContractId == null ? null
                : contracts.findByIdOptional(c.renewedByContractId).map(Contract::termStart).orElse(null);
        return c.answersLateFor(period, calendar.lastDay(), successorStart);
    }

    /** Evaluates benchmarks of a contract that just became active or was amended, on the values already known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void evaluateKnown(Contract c, Collection<Benchmark> bs, EvaluationTrigger trigger) {
        for (Benchmark b : bs) {
            Optional<MetricObservation> o = observations.find(c.schoolId(), b.metricCode, b.period);
            if (o.isPresent()) {
                evaluate(c, b, o.get(), trigger, null);
            } else if (trigger == EvaluationTrigger.AMENDMENT) {
                missingAgain(c, b);
            }
        }
    }

    /**
     * An amended benchmark with no value whose standing result is the clock's MISSING_DATA counted as a miss: published
     * again (trigger AMENDMENT, under the benchmark as amended), so that autonomy revokes what it guards now as for a
     * miss on a value (the pass's own read of the twenty-sixth pass, R3: only a miss on a value was published again, and
     * a guard moved from PEOPLE to MONEY left MONEY in force while the data stayed missing). No BenchmarkDataMissing:
     * the clock's finding is not new.
     */
    private void missingAgain(Contract c, Benchmark b) {
        Optional<BenchmarkEvaluation> standing = evaluations.latestDecisive(c.id, b.benchmarkId);
        // the same data still missing: the amended benchmark measures the same metric for the same period, and the
        // contract still counts missing data as a miss (a benchmark moved to another year, or terms that no longer
        // count it, published a miss nobody found: the pass's own read, D4)
        if (standing.isEmpty() || standing.get().result != EvaluationResult.MISSING_DATA || !standing.get().countsAsMiss
                || !standing.get().period.equals(b.period) || !standing.get().metricCode.equals(b.metricCode)
                || !b.contractVersion.accountabilityTerms().missingDataCountsAsMiss()) {
            return;
        }
        BenchmarkEvaluation e = BenchmarkEvaluation.missingData(c, b, standing.get().dataDueBy, true, calendar.now());
        e.triggeredBy = EvaluationTrigger.AMENDMENT;
        evaluations.persist(e);
        publishDecisive(c, b, e, standing, HistoryKind.BENCHMARK_DATA_MISSING, HistoryService.cause("kind",
                "NO_DATA_BY_DUE_DATE", "benchmarkId", b.benchmarkId, "evaluationId", e.id, "trigger",
                EvaluationTrigger.AMENDMENT.name(), "dueBy", String.valueOf(e.dataDueBy), "countsAsMiss", true,
                "publishedAgainAfter", standing.get().id));
    }

    /** The correction of student records behind a value (performance-service's id and its reason code). */
    record Correction(java.util.UUID id, String reasonCode) {
    }

    private BenchmarkEvaluation evaluate(Contract c, Benchmark b, MetricObservation o, EvaluationTrigger trigger,
                                         Correction correction) {
        // whatever found it: a correction's withdrawal, or an amendment or activation re-evaluating the benchmark on
        // the withdrawn value (an amendment had recorded INSUFFICIENT_DATA over the clock's finding: tenth pass review)
        if (o.value == null && !o.suppressed) {
            Optional<BenchmarkEvaluation> missing = missingOnceWithdrawnPastDue(c, b, trigger, correction);
            if (missing.isPresent()) {
                return missing.get();
            }
        }
        Optional<BenchmarkEvaluation> previous = previousDecisive(c, b);
        BenchmarkEvaluation e = BenchmarkEvaluation.of(c, b, o, trigger, calendar.now());
        if (e.result == EvaluationResult.INSUFFICIENT_DATA && o.suppressed) {
            // a suppressed value may count as a miss; a withdrawn one (no value, not suppressed) never does: it is
            // absent data, which the clock finds MISSING_DATA once its grace period has passed
            e.countsAsMiss = b.contractVersion.accountabilityTerms().insufficientDataCountsAsMiss();
        }
        if (correction != null) {
            e.correctionId = correction.id();
            e.correctionReasonCode = correction.reasonCode();
        }
        evaluations.persist(e);
        var cause = HistoryService.cause("kind", "METRIC_RESULT_RECORDED", "eventId", o.sourceEventId,
                "resultId", o.resultId, "benchmarkId", b.benchmarkId, "evaluationId", e.id, "trigger", trigger.name(),
                "countsAsMiss", e.countsAsMiss ? true : null, "correctionId", e.correctionId,
                "correctionReasonCode", e.correctionReasonCode);
        if (e.result == EvaluationResult.INSUFFICIENT_DATA && !e.countsAsMiss) {
            history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.BENCHMARK_INSUFFICIENT_DATA,
                    e.describe(), SYSTEM, null, null, e.id, cause));
            return e;
        }
        publishDecisive(c, b, e, previous, e.result == EvaluationResult.INSUFFICIENT_DATA
                ? HistoryKind.BENCHMARK_INSUFFICIENT_DATA : HistoryKind.BENCHMARK_EVALUATED, cause);
        return e;
    }

    /**
     * A value withdrawn (its records retracted) leaves the benchmark without data; past its due date:
     * where the contract tracks missing data it is MISSING_DATA at once, named by the correction, whether or not the
     * clock found it missing before a value came (tenth pass, L3: the clock finds a benchmark missing once, so a late
     * MET that reinstated the autonomy and was then withdrawn left the grant ACTIVE while the calendar listed the
     * benchmark missing). The clock's fact is recorded too, so the clock does not find it a second time.
     */
    private Optional<BenchmarkEvaluation> missingOnceWithdrawnPastDue(Contract c, Benchmark b, EvaluationTrigger trigger,
                                                                      Correction correction) {
        var terms = b.contractVersion.accountabilityTerms();
        SchoolYear year = SchoolYear.tryParse(b.period).orElse(null);
        if (year == null || !terms.tracksMissingData()) {
            return Optional.empty();
        }
        java.time.LocalDate periodEnded = calendar.lastDayOf(year);
        java.time.LocalDate dueBy = periodEnded.plusDays(terms.missingDataGraceDays());
        java.time.LocalDate today = calendar.today();
        if (!dueBy.isBefore(today)) {
            return Optional.empty(); // not due yet: the clock finds it at its due date if no value has come by then
        }
        facts.recordOnce(org.portfolio.contracts.domain.ClockFactKind.DATA_MISSING, c.id, c.schoolId(), b.benchmarkId,
                b.period, b.metricCode, dueBy, today, calendar.now());
        return Optional.of(missingData(c, b, periodEnded, terms.missingDataGraceDays(), dueBy, trigger, correction));
    }

    /**
     * The accountability clock found no value of the benchmark's metric for its period by {@code dueBy} (the school
     * year's last day plus the contract's grace period): records MISSING_DATA, publishes BenchmarkDataMissing, and
     * when the contract counts missing data as a miss also a MISSED BenchmarkEvaluated and the escalation of a miss.
     * Within the clock's transaction, which has locked the contract.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public BenchmarkEvaluation missingData(Contract c, Benchmark b, java.time.LocalDate periodEnded, int graceDays,
                                           java.time.LocalDate dueBy) {
        return missingData(c, b, periodEnded, graceDays, dueBy, EvaluationTrigger.CLOCK, null);
    }

    private BenchmarkEvaluation missingData(Contract c, Benchmark b, java.time.LocalDate periodEnded, int graceDays,
                                            java.time.LocalDate dueBy, EvaluationTrigger trigger, Correction correction) {
        boolean counts = b.contractVersion.accountabilityTerms().missingDataCountsAsMiss();
        Optional<BenchmarkEvaluation> previous = previousDecisive(c, b);
        BenchmarkEvaluation e = BenchmarkEvaluation.missingData(c, b, dueBy, counts, calendar.now());
        e.triggeredBy = trigger;
        if (correction != null) {
            e.correctionId = correction.id();
            e.correctionReasonCode = correction.reasonCode();
        }
        evaluations.persist(e);
        outbox.publish("Contract", c.id, BenchmarkDataMissing.NAME, c.schoolId(), new BenchmarkDataMissing(e.id,
                b.benchmarkId, c.id, c.schoolId(), b.metricCode, b.period, periodEnded, graceDays, dueBy, counts,
                c.currentVersion, e.describe(), trigger.name(), e.correctionId == null ? null
                : new BenchmarkEvaluated.Correction(e.correctionId, e.correctionReasonCode, e.correctionReasonCode)));
        var cause = HistoryService.cause("kind", "NO_DATA_BY_DUE_DATE", "benchmarkId", b.benchmarkId, "evaluationId",
                e.id, "trigger", trigger.name(), "periodEnded", periodEnded.toString(), "graceDays",
                graceDays, "dueBy", dueBy.toString(), "countsAsMiss", counts, "correctionId", e.correctionId,
                "correctionReasonCode", e.correctionReasonCode);
        if (!counts) {
            history.record(new HistoryService.Entry(c.schoolId(), c.id, HistoryKind.BENCHMARK_DATA_MISSING,
                    e.describe(), SYSTEM, null, null, e.id, cause));
            return e;
        }
        publishDecisive(c, b, e, previous, HistoryKind.BENCHMARK_DATA_MISSING, cause);
        return e;
    }

    /**
     * What this benchmark was last found: its own latest decisive evaluation, else that of the same measure (school,
     * metric, period, comparator) under this contract or the one it renews, so that a value already counted as a miss
     * is "the same miss seen again" under a new benchmark id too.
     */
    private Optional<BenchmarkEvaluation> previousDecisive(Contract c, Benchmark b) {
        Optional<BenchmarkEvaluation> own = evaluations.latestDecisive(c.id, b.benchmarkId);
        if (own.isPresent()) {
            return own;
        }
        List<java.util.UUID> lineage = c.renewsContractId == null ? List.of(c.id) : List.of(c.id, c.renewsContractId);
        return evaluations.latestDecisiveOfMeasure(lineage, c.schoolId(), b.metricCode, b.period, b.comparator);
    }

    /** A MET or MISSED (or an evaluation counted as a miss): published, recorded, and a miss moves the ladder. */
    private void publishDecisive(Contract c, Benchmark b, BenchmarkEvaluation e, Optional<BenchmarkEvaluation> previous,
                                 HistoryKind kind, java.util.Map<String, Object> cause) {
        BenchmarkEvaluated event = BenchmarkEvaluated.of(e, b);
        if (c.status == ContractStatus.EXPIRED || c.status == ContractStatus.NON_RENEWED) {
            // its grants ended with it: a late result guards nothing (another contract's grants are not its to take;
            // after a renewal the grants carried over to the successor are)
            event = event.guardingNothing();
        }
        outbox.publish("Contract", c.id, BenchmarkEvaluated.NAME, c.schoolId(), event);
        history.record(new HistoryService.Entry(c.schoolId(), c.id, kind, e.describe(), SYSTEM, null, null, e.id, cause));
        // the ladder of an ended contract closed with it: a late miss is recorded and published, and moves no ladder
        if (e.isMiss() && c.status == ContractStatus.ACTIVE) {
            boolean sameMissAgain = previous.map(BenchmarkEvaluation::isMiss).orElse(false);
            InterventionRules.onMiss(c.interventionLevel, b.missTriggers, sameMissAgain).ifPresent(esc ->
                    interventions.change(c, esc.to(), e.describe() + "; " + esc.rule(),
                            InterventionCauseKind.BENCHMARK_MISSED, b.benchmarkId, e.id, SYSTEM, calendar.today()));
        }
    }
}
