package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.OpenMiss;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OpenMissRepository implements PanacheRepositoryBase<OpenMiss, UUID> {

    public List<OpenMiss> ofGrant(UUID grantId) {
        return list("grantId", grantId);
    }

    public boolean exists(UUID grantId, UUID benchmarkId) {
        return count("grantId = ?1 and benchmarkId = ?2", grantId, benchmarkId) > 0;
    }

    public long clear(UUID grantId, UUID benchmarkId) {
        return delete("grantId = ?1 and benchmarkId = ?2", grantId, benchmarkId);
    }

    public long clearAll(UUID grantId) {
        return delete("grantId", grantId);
    }
}
