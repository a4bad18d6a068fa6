package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.GrantHistory;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class GrantHistoryRepository implements PanacheRepositoryBase<GrantHistory, Long> {

    public List<GrantHistory> ofGrant(UUID grantId) {
        return list("grantId = ?1 order by id", grantId);
    }

    public List<GrantHistory> ofGrants(Collection<UUID> grantIds) {
        return grantIds.isEmpty() ? List.of() : list("grantId in ?1 order by id", grantIds);
    }

    public PanacheQuery<GrantHistory> ofSchool(UUID schoolId) {
        return find("schoolId = ?1 order by id", schoolId);
    }
}
