package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.Benchmark;
import org.portfolio.contracts.domain.ContractStatus;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BenchmarkRepository implements PanacheRepositoryBase<Benchmark, UUID> {

    /**
     * The benchmarks (current version) of the school's contracts that ended by running out, renewal or non-renewal on a
     * metric and period: the caller keeps those whose contract still answers for the period
     * ({@link org.portfolio.contracts.domain.Contract#answersLateFor}).
     */
    public List<Benchmark> ofEndedTermsFor(UUID schoolId, String metricCode, String period) {
        return getEntityManager().createQuery(
                        "select b from Benchmark b join fetch b.contractVersion v join fetch v.contract c "
                                + "where c.school.id = :school and c.status in :ended and v.number = c.currentVersion "
                                + "and b.metricCode = :metric and b.period = :period order by b.position", Benchmark.class)
                .setParameter("school", schoolId)
                .setParameter("ended", List.of(ContractStatus.EXPIRED, ContractStatus.NON_RENEWED, ContractStatus.RENEWED))
                .setParameter("metric", metricCode).setParameter("period", period)
                .getResultList();
    }

    /**
     * The benchmarks of the school's ACTIVE contract (its current version) on a metric and period: the evaluation
     * hot path, answered from indexes (one active contract per school, version by number, benchmarks by version).
     */
    public List<Benchmark> activeFor(UUID schoolId, String metricCode, String period) {
        return getEntityManager().createQuery(
                        "select b from Benchmark b join fetch b.contractVersion v join fetch v.contract c "
                                + "where c.school.id = :school and c.status = :active and v.number = c.currentVersion "
                                + "and b.metricCode = :metric and b.period = :period order by b.position", Benchmark.class)
                .setParameter("school", schoolId).setParameter("active", ContractStatus.ACTIVE)
                .setParameter("metric", metricCode).setParameter("period", period)
                .getResultList();
    }
}
