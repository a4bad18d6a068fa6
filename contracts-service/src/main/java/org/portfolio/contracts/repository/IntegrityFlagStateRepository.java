package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.contracts.domain.IntegrityFlagState;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class IntegrityFlagStateRepository implements PanacheRepositoryBase<IntegrityFlagState, UUID> {

    /** Open flags first, then newest first. */
    public List<IntegrityFlagState> forSchool(UUID schoolId) {
        return find("schoolId = ?1 order by case when status = 'OPEN' then 0 else 1 end, raisedAt desc nulls last, flagId",
                schoolId).list();
    }
}
