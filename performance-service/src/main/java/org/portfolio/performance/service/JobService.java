package org.portfolio.performance.service;

import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.JobStatus;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.repository.IngestionJobRepository;
import org.portfolio.performance.repository.JobErrorStore;
import org.portfolio.platform.web.problem.ProblemException;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Upload jobs as their owners see them: a client sees its own jobs ({@code owner} null = every job). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class JobService {

    @Inject
    IngestionJobRepository jobs;

    @Inject
    JobErrorStore errors;

    public IngestionJob get(UUID id, String owner) {
        IngestionJob j = jobs.findById(id);
        if (j == null || (owner != null && !owner.equals(j.clientId))) {
            throw ProblemException.notFound("Upload job", id);
        }
        return j;
    }

    public org.portfolio.platform.web.http.Page<IngestionJob> list(String owner, JobStatus status, String idempotencyKey,
                                                                   int page, int size) {
        var q = jobs.search(owner, status, idempotencyKey).page(Page.of(page, size));
        return new org.portfolio.platform.web.http.Page<>(q.list(), page, size, q.count());
    }

    public org.portfolio.platform.web.http.Page<RowError> errors(UUID id, String owner, int page, int size)
            throws SQLException {
        IngestionJob j = get(id, owner);
        List<RowError> items = errors.page(id, page, size);
        return new org.portfolio.platform.web.http.Page<>(items, page, size, j.errorsStored);
    }
}
