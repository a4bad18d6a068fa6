package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.BenchmarkEvaluation;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BenchmarkEvaluationRepository implements PanacheRepositoryBase<BenchmarkEvaluation, String> {

    public List<BenchmarkEvaluation> ofSchool(UUID schoolId, int page, int size) {
        return find("schoolId = ?1 order by receivedAt desc, eventId", schoolId).page(Page.of(page, size)).list();
    }

    public long countOfSchool(UUID schoolId) {
        return count("schoolId", schoolId);
    }

    /** The latest evaluation received of the benchmark. */
    public java.util.Optional<BenchmarkEvaluation> latestOf(UUID benchmarkId) {
        return find("benchmarkId = ?1 order by receivedAt desc, eventId desc", benchmarkId).firstResultOptional();
    }

    /** The evaluations received of the contract's benchmarks for the school, the latest first. */
    public List<BenchmarkEvaluation> ofContractLatestFirst(UUID schoolId, UUID contractId) {
        return list("schoolId = ?1 and contractId = ?2 order by receivedAt desc, eventId desc", schoolId, contractId);
    }

    /** An evaluation by its id (one row; a result published again by an amendment has an id of its own). */
    public java.util.Optional<BenchmarkEvaluation> byEvaluationId(UUID evaluationId) {
        return find("evaluationId = ?1 order by receivedAt desc", evaluationId).firstResultOptional();
    }
}
