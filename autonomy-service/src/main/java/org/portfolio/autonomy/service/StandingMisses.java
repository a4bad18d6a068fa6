package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.autonomy.domain.BenchmarkEvaluation;
import org.portfolio.autonomy.domain.Cause;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.OpenMiss;
import org.portfolio.autonomy.repository.BenchmarkEvaluationRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.OpenMissRepository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A revocation belongs to the domain a missed benchmark guards, not only to the grants that happened to be in force
 * when it was missed. A grant that comes into force from a contract or from its ratings on a domain a standing miss
 * guards is revoked at once, held by the same misses, and reinstated by the same MET (the grant's history says both).
 * Closes two ways around a revocation (hostile read of the twenty-sixth pass): an EARNED grant PENDING at the miss
 * earned later by a rating (C5), and a second provision of a renewal or amendment on a revoked domain granted anew (R5).
 * <p>
 * The misses that hold a domain: the open misses of the school's REVOKED grants on it (a renewal carries them from the
 * contract it renewed), and the benchmarks of the grant's contract whose latest result is a miss guarding it (the
 * misses found while the domain's grants were only pending). A revoked grant no miss holds (revoked by oversight, or
 * met again under a contract that leaves reinstatement to oversight) holds a new grant on the same decisions the same
 * way, to be reinstated by oversight. Oversight's own grants and approvals are refused
 * over a revocation instead ({@link GrantService#requireNoRevocationOver}). The caller holds the school's lock.
 */
@ApplicationScoped
public class StandingMisses {

    @Inject
    GrantRepository grants;

    @Inject
    OpenMissRepository misses;

    @Inject
    BenchmarkEvaluationRepository evaluations;

    @Inject
    GrantService grantService;

    @Inject
    org.portfolio.autonomy.repository.GrantHistoryRepository history;

    /** One miss holding a domain: the benchmark, its evaluation and whether its MET reinstates. */
    record Miss(UUID benchmarkId, UUID evaluationId, boolean reinstateOnMet) {
    }

    /**
     * Revokes {@code g}, just in force, when a standing miss (or oversight's revocation of the same decisions) holds
     * its domain; records the misses as the grant's own. Returns whether it did.
     */
    public boolean holdIfRevoked(Grant g, String eventId, Instant now) {
        if (g.status != GrantStatus.ACTIVE) {
            return false;
        }
        Map<UUID, Miss> holding = new LinkedHashMap<>();
        Grant byOversight = null;
        for (Grant other : grants.ofSchoolInStatus(g.schoolId, GrantStatus.REVOKED, List.of(g.domain))) {
            if (other.id.equals(g.id)) {
                continue;
            }
            List<OpenMiss> open = misses.ofGrant(other.id);
            open.forEach(m -> holding.putIfAbsent(m.benchmarkId, new Miss(m.benchmarkId, m.evaluationId, m.reinstateOnMet)));
            if (open.isEmpty() && byOversight == null && other.overlaps(g.decisions)) {
                byOversight = other;
            }
        }
        for (BenchmarkEvaluation e : standingOf(g)) {
            holding.putIfAbsent(e.benchmarkId, new Miss(e.benchmarkId, e.evaluationId, e.reinstateOnMet));
        }
        if (holding.isEmpty() && byOversight == null) {
            return false;
        }
        boolean reinstatesOnMet = byOversight == null && holding.values().stream().allMatch(Miss::reinstateOnMet);
        grantService.revoke(g, cause(g, holding.values(), byOversight, eventId), reinstatesOnMet, now);
        for (Miss m : holding.values()) {
            misses.persist(OpenMiss.of(g.id, m.benchmarkId(), m.evaluationId(), m.reinstateOnMet(), now));
        }
        return true;
    }

    /** The benchmarks of the grant's contract whose latest result is a miss guarding the grant's domain. */
    private List<BenchmarkEvaluation> standingOf(Grant g) {
        if (g.contractId == null) {
            return List.of();
        }
        Map<UUID, BenchmarkEvaluation> latest = new LinkedHashMap<>();
        for (BenchmarkEvaluation e : evaluations.ofContractLatestFirst(g.schoolId, g.contractId)) {
            latest.putIfAbsent(e.benchmarkId, e);
        }
        // a miss oversight overrode by reinstating a grant of the domain by hand after it came holds nothing: its
        // decision stands for the domain (the pass's own read, D5: a new provision split from the reinstated grant, or
        // a grant earned after it, was revoked again by the miss oversight had set aside)
        java.time.Instant overridden = history.lastManualReinstatement(g.schoolId, g.domain);
        return latest.values().stream()
                .filter(e -> BenchmarkService.MISSED.equals(e.result) && e.guards().contains(g.domain))
                .filter(e -> overridden == null || e.receivedAt.isAfter(overridden)).toList();
    }

    private Cause cause(Grant g, java.util.Collection<Miss> holding, Grant byOversight, String eventId) {
        if (holding.isEmpty()) {
            return Cause.of(CauseKind.MANUAL, eventId, "Grant " + byOversight.id + " on these decisions of " + g.domain
                    + " stands revoked until oversight reinstates it; this grant came into force meanwhile and is "
                    + "revoked with it, for oversight to reinstate").withContract(g.contractId);
        }
        Miss first = holding.iterator().next();
        Optional<BenchmarkEvaluation> e = first.evaluationId() == null ? Optional.empty()
                : evaluations.byEvaluationId(first.evaluationId());
        String others = holding.size() > 1 ? " (and " + (holding.size() - 1) + " other missed benchmark(s))" : "";
        if (e.isEmpty()) {
            return Cause.of(CauseKind.BENCHMARK_MISSED, eventId, "Benchmark " + first.benchmarkId() + others
                    + " stands missed guarding " + g.domain + ": the grant came into force while it stands and is "
                    + "revoked with the domain").withContract(g.contractId);
        }
        BenchmarkEvaluation m = e.get();
        return Cause.of(CauseKind.BENCHMARK_MISSED, eventId, "Benchmark " + m.metricCode + " " + m.period
                        + " stands missed (target " + m.comparator + " " + GrantService.plain(m.target) + ", actual "
                        + GrantService.plain(m.actual) + ")" + others + " guarding " + g.domain
                        + ": the grant came into force while it stands and is revoked with the domain")
                .withContract(m.contractId)
                .withBenchmark(m.benchmarkId, m.evaluationId, m.metricCode, m.period, m.comparator, m.target, m.actual);
    }
}
