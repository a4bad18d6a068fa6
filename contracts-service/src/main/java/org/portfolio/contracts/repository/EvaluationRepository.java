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

    /** Every evaluation of a contract, newest first. */
    public List<BenchmarkEvaluation> forContract(UUID contractId) {
        return find("contractId = ?1 order by evaluatedAt desc, id desc", contractId).list();
    }
}
