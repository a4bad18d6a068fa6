package org.portfolio.performance.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.performance.domain.IngestionJob;
import org.portfolio.performance.domain.JobStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IngestionJobRepository implements PanacheRepositoryBase<IngestionJob, UUID> {

    public PanacheQuery<IngestionJob> search(String clientId, JobStatus status, String idempotencyKey) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (clientId != null) {
            q.append(" and clientId = :client");
            p.and("client", clientId);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (idempotencyKey != null) {
            q.append(" and idempotencyKey = :key");
            p.and("key", idempotencyKey);
        }
        return find(q.toString(), Sort.descending("startedAt").and("id"), p);
    }

    public List<IngestionJob> stale(Instant heartbeatBefore) {
        return list("status = ?1 and heartbeatAt < ?2", JobStatus.RUNNING, heartbeatBefore);
    }
}
