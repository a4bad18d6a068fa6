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

    /** When oversight last reinstated by hand a grant of the school on the domain (null: never). */
    public java.time.Instant lastManualReinstatement(UUID schoolId, org.portfolio.autonomy.domain.AutonomyDomain domain) {
        return getEntityManager().createQuery("select max(h.at) from GrantHistory h where h.schoolId = ?1 and h.domain = ?2 "
                        + "and h.action = ?3 and h.cause.kind = ?4", java.time.Instant.class)
                .setParameter(1, schoolId).setParameter(2, domain)
                .setParameter(3, org.portfolio.autonomy.domain.GrantAction.REINSTATED)
                .setParameter(4, org.portfolio.autonomy.domain.CauseKind.MANUAL).getSingleResult();
    }
}
