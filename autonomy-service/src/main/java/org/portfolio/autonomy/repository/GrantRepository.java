package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class GrantRepository implements PanacheRepositoryBase<Grant, UUID> {

    private static final Set<GrantStatus> LIVE = Set.of(GrantStatus.PENDING, GrantStatus.ACTIVE, GrantStatus.REVOKED);

    public List<Grant> ofSchool(UUID schoolId) {
        return list("schoolId = ?1 order by createdAt, id", schoolId);
    }

    public List<Grant> ofSchools(Collection<UUID> schoolIds) {
        return schoolIds.isEmpty() ? List.of() : list("schoolId in ?1 order by createdAt, id", schoolIds);
    }

    public List<Grant> liveOfSchool(UUID schoolId) {
        return list("schoolId = ?1 and status in ?2 order by createdAt, id", schoolId, LIVE);
    }

    public List<Grant> liveOfContract(UUID contractId) {
        return list("contractId = ?1 and status in ?2 order by createdAt, id", contractId, LIVE);
    }

    /** The grants of a contract that someone ended by hand (their last cause is MANUAL). */
    public List<Grant> endedByHandOfContract(UUID contractId) {
        return list("contractId = ?1 and status = ?2 and cause.kind = ?3", contractId, GrantStatus.ENDED,
                org.portfolio.autonomy.domain.CauseKind.MANUAL);
    }

    public List<Grant> liveAwaitingSuccessor(UUID successorContractId) {
        return list("successorContractId = ?1 and status in ?2 order by createdAt, id", successorContractId, LIVE);
    }

    public List<Grant> ofSchoolInStatus(UUID schoolId, GrantStatus status, Collection<AutonomyDomain> domains) {
        return list("schoolId = ?1 and status = ?2 and domain in ?3 order by createdAt, id", schoolId, status, domains);
    }

    public List<Grant> activeEarned(UUID schoolId) {
        return list("schoolId = ?1 and status = ?2 and model = ?3 order by createdAt, id", schoolId,
                GrantStatus.ACTIVE, GrantModel.EARNED);
    }

    public List<Grant> revokedEarned(UUID schoolId) {
        return list("schoolId = ?1 and status = ?2 and model = ?3 order by createdAt, id", schoolId,
                GrantStatus.REVOKED, GrantModel.EARNED);
    }

    public List<Grant> pendingEarned(UUID schoolId) {
        return list("schoolId = ?1 and status = ?2 and model = ?3 order by createdAt, id", schoolId,
                GrantStatus.PENDING, GrantModel.EARNED);
    }

    /**
     * Ids of live grants whose effective dates ended before {@code today} (at most {@code limit}); a grant waiting
     * for the successor of its renewed contract counts only once it ended before {@code graceCutoff}.
     */
    public List<UUID> liveEndedBefore(LocalDate today, LocalDate graceCutoff, int limit, java.util.Collection<UUID> excluding) {
        return getEntityManager().createQuery("select g.id from Grant g where g.status in ?1 and g.effectiveTo < ?2"
                        + " and (g.successorContractId is null or g.effectiveTo < ?3) and g.id not in ?4"
                        + " order by g.effectiveTo, g.id", UUID.class)
                .setParameter(1, LIVE).setParameter(2, today).setParameter(3, graceCutoff)
                // never an empty list: a value no grant has stands for "none"
                .setParameter(4, excluding.isEmpty() ? List.of(new UUID(0, 0)) : excluding)
                .setMaxResults(limit).getResultList();
    }

    public Grant ofRequest(UUID requestId) {
        return find("requestId", requestId).firstResult();
    }

    public PanacheQuery<Grant> search(Collection<UUID> schools, AutonomyDomain domain, GrantStatus status,
                                      GrantModel model, GrantSource source, UUID contractId) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        if (schools != null) {
            where.add("schoolId in :schools");
            p.and("schools", schools);
        }
        if (domain != null) {
            where.add("domain = :domain");
            p.and("domain", domain);
        }
        if (status != null) {
            where.add("status = :status");
            p.and("status", status);
        }
        if (model != null) {
            where.add("model = :model");
            p.and("model", model);
        }
        if (source != null) {
            where.add("source = :source");
            p.and("source", source);
        }
        if (contractId != null) {
            where.add("contractId = :contract");
            p.and("contract", contractId);
        }
        String q = (where.isEmpty() ? "" : String.join(" and ", where)) + " order by createdAt desc, id";
        return where.isEmpty() ? find(q) : find(q, p);
    }
}
