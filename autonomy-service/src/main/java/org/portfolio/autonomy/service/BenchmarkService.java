package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.BenchmarkEvaluation;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantAction;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.OpenMiss;
import org.portfolio.autonomy.repository.BenchmarkEvaluationRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.OpenMissRepository;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Full autonomy with expectations: a MISSED benchmark revokes the school's ACTIVE grants on the domains it
 * guards, with the benchmark, its target and actual and the event as the stored cause; a later MET of the same
 * benchmark reinstates them when the contract says so and no other missed benchmark still holds them. Every
 * evaluation is recorded, also those that change nothing (e.g. a school without grants).
 */
@ApplicationScoped
@Transactional
public class BenchmarkService {

    public static final String MET = "MET";
    public static final String MISSED = "MISSED";
    /** How a miss for missing data starts its {@code noValue} ("no data reported by 2026-08-29"). */
    public static final String NO_DATA_REPORTED = "no data reported by ";

    /**
     * A BenchmarkEvaluated event's content. {@code noValue}: a MISSED decided without a value (the contract counts
     * missing or suppressed data as a miss), why in words ("no data reported by 2026-08-29"); null otherwise.
     */
    public record Evaluation(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId, String metricCode,
                             String period, String comparator, BigDecimal target, BigDecimal actual, Integer n,
                             String result, Set<AutonomyDomain> guardsDomains, boolean reinstateOnMet,
                             String interventionLevel, String noValue, UUID correctionId, String correctionReasonCode,
                             boolean byAmendment) {

        public Evaluation(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId, String metricCode,
                          String period, String comparator, BigDecimal target, BigDecimal actual, Integer n,
                          String result, Set<AutonomyDomain> guardsDomains, boolean reinstateOnMet,
                          String interventionLevel, String noValue, UUID correctionId, String correctionReasonCode) {
            this(evaluationId, benchmarkId, contractId, schoolId, metricCode, period, comparator, target, actual, n,
                    result, guardsDomains, reinstateOnMet, interventionLevel, noValue, correctionId, correctionReasonCode,
                    false);
        }

        public Evaluation(UUID evaluationId, UUID benchmarkId, UUID contractId, UUID schoolId, String metricCode,
                          String period, String comparator, BigDecimal target, BigDecimal actual, Integer n,
                          String result, Set<AutonomyDomain> guardsDomains, boolean reinstateOnMet,
                          String interventionLevel) {
            this(evaluationId, benchmarkId, contractId, schoolId, metricCode, period, comparator, target, actual, n,
                    result, guardsDomains, reinstateOnMet, interventionLevel, null, null, null, false);
        }

        /**
         * " — on corrected data (correction …: CODE)" when a correction of student records produced the value; " — its
         * value was withdrawn (correction …)" when the correction took it away after its due date and the benchmark is
         * missed for missing data (contracts' wording, tenth pass).
         */
        String onCorrectedData() {
            if (correctionId == null) {
                return "";
            }
            boolean withdrawn = noValue != null && noValue.startsWith(NO_DATA_REPORTED);
            return (withdrawn ? " — its value was withdrawn (correction " : " — on corrected data (correction ")
                    + correctionId + (correctionReasonCode == null ? "" : ": " + correctionReasonCode) + ")";
        }
    }

    /** The one clock of every time this service records or publishes (a test moves it). */
    @Inject
    Clock clock;

    @Inject
    SchoolRepository schools;

    @Inject
    GrantRepository grants;

    @Inject
    OpenMissRepository misses;

    @Inject
    BenchmarkEvaluationRepository evaluations;

    @Inject
    GrantService grantService;

    @Inject
    EligibilityService eligibility;

    public BenchmarkEvaluation evaluated(Evaluation e, String eventId) {
        schools.lockOrCreate(e.schoolId());
        Instant now = clock.instant();
        BenchmarkEvaluation row = new BenchmarkEvaluation();
        row.eventId = eventId;
        row.evaluationId = e.evaluationId();
        row.benchmarkId = e.benchmarkId();
        row.contractId = e.contractId();
        row.schoolId = e.schoolId();
        row.metricCode = e.metricCode();
        row.period = e.period();
        row.comparator = e.comparator();
        row.target = e.target();
        row.actual = e.actual();
        row.n = e.n();
        row.result = e.result();
        row.guardsDomains = e.guardsDomains().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        row.reinstateOnMet = e.reinstateOnMet();
        row.interventionLevel = e.interventionLevel();
        row.receivedAt = now;
        if (MISSED.equals(e.result()) && !e.guardsDomains().isEmpty()) {
            row.grantsRevoked = missed(e, eventId, now); // reads the benchmark's result before this one (R1)
            evaluations.persist(row);
        } else {
            // a MET is this benchmark's latest result before a grant it lets go is earned again: a standing miss
            // (StandingMisses) is the latest result of its benchmark
            evaluations.persist(row);
            if (MET.equals(e.result())) {
                row.grantsReinstated = met(e, eventId, now);
            }
        }
        return row;
    }

    private int missed(Evaluation e, String eventId, Instant now) {
        String description = "Benchmark " + e.metricCode() + " " + e.period() + " missed: target " + e.comparator()
                + " " + GrantService.plain(e.target()) + (e.noValue() != null ? ", " + e.noValue()
                + " (the contract counts it as a miss)" : ", actual " + GrantService.plain(e.actual())) + e.onCorrectedData();
        int revoked = 0;
        // a standing miss published again because an amendment moved its guard revokes what it guards anew only: a
        // grant oversight reinstated by hand despite the miss stays as oversight left it (hostile read of the pass's
        // own diff, R1: the amendment re-revoked it, with no word of the decision it undid)
        Set<AutonomyDomain> revokes = e.guardsDomains();
        if (e.byAmendment()) {
            Optional<BenchmarkEvaluation> before = evaluations.latestOf(e.benchmarkId());
            if (before.isPresent() && MISSED.equals(before.get().result)) {
                revokes = java.util.EnumSet.noneOf(AutonomyDomain.class);
                revokes.addAll(e.guardsDomains());
                revokes.removeAll(before.get().guards());
            }
        }
        for (Grant g : revokes.isEmpty() ? List.<Grant>of()
                : grants.ofSchoolInStatus(e.schoolId(), GrantStatus.ACTIVE, revokes)) {
            grantService.revoke(g, cause(CauseKind.BENCHMARK_MISSED, e, eventId, description), e.reinstateOnMet(), now);
            misses.persist(OpenMiss.of(g.id, e.benchmarkId(), e.evaluationId(), e.reinstateOnMet(), now));
            revoked++;
        }
        for (Grant g : grants.ofSchoolInStatus(e.schoolId(), GrantStatus.REVOKED, e.guardsDomains())) {
            if (misses.exists(g.id, e.benchmarkId())) {
                continue; // this benchmark already holds it (just revoked above, or a re-evaluation that missed again)
            }
            misses.persist(OpenMiss.of(g.id, e.benchmarkId(), e.evaluationId(), e.reinstateOnMet(), now));
            if (!e.reinstateOnMet()) {
                g.autoReinstate = false;
            }
            grantService.note(g, GrantAction.ALSO_MISSED, cause(CauseKind.BENCHMARK_MISSED, e, eventId,
                    description + "; the grant was already revoked and now also waits for this benchmark"), now);
        }
        return revoked;
    }

    private int met(Evaluation e, String eventId, Instant now) {
        int reinstated = 0;
        // every revoked grant this benchmark holds, whatever it guards now: an amendment may have moved its guard from
        // PEOPLE to MONEY after PEOPLE was revoked, and a MET then cleared nothing, PEOPLE revoked for good (hostile read
        // of the twenty-sixth pass, C2); the open misses say which grants it holds
        // its misses are cleared on every grant first: a grant earned again below must not find this benchmark still
        // holding another grant on its domain (StandingMisses)
        List<Grant> held = grants.ofSchoolInStatus(e.schoolId(), GrantStatus.REVOKED, java.util.EnumSet.allOf(
                org.portfolio.autonomy.domain.AutonomyDomain.class)).stream()
                .filter(g -> misses.clear(g.id, e.benchmarkId()) > 0).toList(); // the others this benchmark does not hold
        for (Grant g : held) {
            List<OpenMiss> remaining = misses.ofGrant(g.id);
            boolean byBenchmarks = g.cause != null && g.cause.kind == CauseKind.BENCHMARK_MISSED;
            String description = "Benchmark " + e.metricCode() + " " + e.period() + " met: target " + e.comparator()
                    + " " + GrantService.plain(e.target()) + ", actual " + GrantService.plain(e.actual())
                    + e.onCorrectedData();
            if (byBenchmarks && remaining.isEmpty() && g.autoReinstate && e.reinstateOnMet()) {
                // an EARNED grant whose ratings fell below its criteria while it was revoked is not reinstated: the
                // guard lets go, and the grant is pending eligibility again (it may be earned again at once)
                Optional<Cause> fell = eligibility.fellBackWhileRevoked(g, eventId, description);
                if (fell.isPresent() && !eligibility.qualifiesNow(g)) {
                    Cause c = fell.get().withBenchmark(e.benchmarkId(), e.evaluationId(), e.metricCode(), e.period(),
                            e.comparator(), e.target(), e.actual()).withCorrection(e.correctionId(), e.correctionReasonCode());
                    grantService.fallBackOnMet(g, c, now);
                    eligibility.tryEarn(g, eventId, now);
                    continue;
                }
                grantService.reinstate(g, cause(CauseKind.BENCHMARK_MET, e, eventId, description), now);
                reinstated++;
            } else {
                String why = !byBenchmarks ? "it was revoked manually and needs a manual reinstatement"
                        : !remaining.isEmpty() ? remaining.size() + " other missed benchmark(s) still hold it"
                        : "the contract does not reinstate it automatically: oversight reinstates it";
                grantService.note(g, GrantAction.MISS_CLEARED,
                        cause(CauseKind.BENCHMARK_MET, e, eventId, description + "; still revoked: " + why), now);
            }
        }
        return reinstated;
    }

    private static Cause cause(CauseKind kind, Evaluation e, String eventId, String description) {
        Cause c = Cause.of(kind, eventId, description).withContract(e.contractId()).withBenchmark(e.benchmarkId(),
                e.evaluationId(), e.metricCode(), e.period(), e.comparator(), e.target(), e.actual())
                .withCorrection(e.correctionId(), e.correctionReasonCode());
        return e.noValue() == null ? c : c.withReason(e.noValue());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<BenchmarkEvaluation> ofSchool(UUID schoolId, int page, int size) {
        return evaluations.ofSchool(schoolId, page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long countOfSchool(UUID schoolId) {
        return evaluations.countOfSchool(schoolId);
    }
}
