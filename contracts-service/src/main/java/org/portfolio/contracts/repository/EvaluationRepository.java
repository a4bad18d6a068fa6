package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.BenchmarkEvaluation;
import org.portfolio.contracts.domain.EvaluationResult;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EvaluationRepository implements PanacheRepositoryBase<BenchmarkEvaluation, UUID> {

    /** The latest MET or MISSED evaluation of a benchmark, or one without a usable value that counted as a miss. */
    public Optional<BenchmarkEvaluation> latestDecisive(UUID contractId, UUID benchmarkId) {
        return find("contractId = ?1 and benchmarkId = ?2 and (result in ?3 or countsAsMiss = true) "
                        + "order by evaluatedAt desc, id desc",
                contractId, benchmarkId, List.of(EvaluationResult.MET, EvaluationResult.MISSED))
                .firstResultOptional();
    }

    /**
     * The latest MET or MISSED (or counted-as-a-miss) evaluation of the same measure — school, metric, period and
     * comparator — under any of these contracts, whichever benchmark id it had: an amendment that resent a benchmark
     * without its id, or a renewal that carried the intervention level over, made the same value a new miss that
     * escalated again (third pass of 2026-12-05).
     */
    public Optional<BenchmarkEvaluation> latestDecisiveOfMeasure(List<UUID> contractIds, UUID schoolId, String metricCode,
                                                                 String period, org.portfolio.contracts.domain.BenchmarkComparator comparator) {
        return find("contractId in ?1 and schoolId = ?2 and metricCode = ?3 and period = ?4 and comparator = ?5 "
                        + "and (result in ?6 or countsAsMiss = true) order by evaluatedAt desc, id desc",
                contractIds, schoolId, metricCode, period, comparator, List.of(EvaluationResult.MET, EvaluationResult.MISSED))
                .firstResultOptional();
    }

    /**
     * What a scorecard reads, newest first: for each measure of the contract (benchmark id, metric, period, comparator,
     * target: what {@link BenchmarkEvaluation#measures} compares), its latest evaluation and its latest decisive one. It
     * read every evaluation ever made for the contract, a list that grows with every value the SIS sends over the
     * term (third pass of 2026-12-05).
     */
    @SuppressWarnings("unchecked")
    public List<BenchmarkEvaluation> latestPerMeasure(UUID contractId) {
        return getEntityManager().createNativeQuery("""
                select * from benchmark_evaluation where id in (
                    select distinct on (benchmark_id, metric_code, period, comparator, target) id from benchmark_evaluation
                     where contract_id = ?1
                     order by benchmark_id, metric_code, period, comparator, target, evaluated_at desc, id desc)
                 or id in (
                    select distinct on (benchmark_id, metric_code, period, comparator, target) id from benchmark_evaluation
                     where contract_id = ?1 and (result in ('MET', 'MISSED') or counts_as_miss)
                     order by benchmark_id, metric_code, period, comparator, target, evaluated_at desc, id desc)
                order by evaluated_at desc, id desc""", BenchmarkEvaluation.class).setParameter(1, contractId).getResultList();
    }
}
