package org.portfolio.contracts.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import org.portfolio.contracts.domain.Contract;
import org.portfolio.contracts.domain.ContractStatus;
import org.portfolio.contracts.domain.InterventionLevel;
import org.portfolio.contracts.domain.SchoolType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ContractRepository implements PanacheRepositoryBase<Contract, UUID> {

    /** The filters of the contract list; null means "any". */
    public record Filter(ContractStatus status, UUID oversightBodyId, UUID schoolId, Collection<UUID> schoolIn,
                         InterventionLevel interventionAtLeast, String termEndsBeforeOrIn, SchoolType schoolType) {
    }

    public Optional<Contract> findActiveBySchool(UUID schoolId) {
        return find("school.id = ?1 and status = ?2", schoolId, ContractStatus.ACTIVE).firstResultOptional();
    }

    public List<Contract> findBySchool(UUID schoolId) {
        return find("school.id = ?1 order by createdAt", schoolId).list();
    }

    /** ACTIVE contracts whose last term year is {@code lastEndedYear} or earlier. */
    public List<UUID> findActiveWithTermEndedBy(String lastEndedYear) {
        return getEntityManager().createQuery(
                        "select c.id from Contract c where c.status = :s and c.termEndYear <= :y", UUID.class)
                .setParameter("s", ContractStatus.ACTIVE).setParameter("y", lastEndedYear).getResultList();
    }

    /** ACTIVE contracts with a decided end due on or before the date. */
    public List<UUID> findActiveWithScheduledEndBy(LocalDate date) {
        return getEntityManager().createQuery(
                        "select c.id from Contract c where c.status = :s and c.scheduledEndDate <= :d", UUID.class)
                .setParameter("s", ContractStatus.ACTIVE).setParameter("d", date).getResultList();
    }

    /** ACTIVE contracts whose current intervention step was due before the date. */
    public List<UUID> findActiveWithStepDueBefore(LocalDate date) {
        return getEntityManager().createQuery("select c.id from Contract c where c.status = :s and "
                        + "c.interventionDueDate < :d order by c.interventionDueDate, c.id", UUID.class)
                .setParameter("s", ContractStatus.ACTIVE).setParameter("d", date).getResultList();
    }

    /** The contract, its row locked for the rest of the transaction (null if there is none). */
    public Contract lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * ACTIVE contracts (of these schools; null: all) that end by {@code limit}: a term whose last school year is one of
     * {@code termEndYears}, or a decided end on or before the date. Ordered by school name.
     */
    public List<Contract> activeEndingBy(Collection<String> termEndYears, LocalDate limit, Collection<UUID> schoolIn,
                                         int max) {
        String scope = schoolIn == null ? "" : " and s.id in :schools";
        TypedQuery<Contract> q = getEntityManager().createQuery("select c from Contract c join fetch c.school s "
                + "where c.status = :st and (c.termEndYear in :years or c.scheduledEndDate <= :limit)" + scope
                + " order by s.name, c.id", Contract.class);
        q.setParameter("st", ContractStatus.ACTIVE).setParameter("years", termEndYears.isEmpty() ? List.of("-") : termEndYears)
                .setParameter("limit", limit);
        if (schoolIn != null) {
            q.setParameter("schools", schoolIn);
        }
        return q.setMaxResults(max).getResultList();
    }

    /** ACTIVE contracts (of these schools; null: all) whose current step's review date is on or before the date. */
    public List<Contract> activeWithReviewBy(LocalDate limit, Collection<UUID> schoolIn, int max) {
        return activeWithDate("c.interventionReviewDate <= :d", "c.interventionReviewDate", limit, schoolIn, max);
    }

    /** ACTIVE contracts (of these schools; null: all) whose current step was due before the date. */
    public List<Contract> activeWithStepDueBefore(LocalDate date, Collection<UUID> schoolIn, int max) {
        return activeWithDate("c.interventionDueDate < :d", "c.interventionDueDate", date, schoolIn, max);
    }

    private List<Contract> activeWithDate(String clause, String orderBy, LocalDate d, Collection<UUID> schoolIn, int max) {
        String scope = schoolIn == null ? "" : " and s.id in :schools";
        TypedQuery<Contract> q = getEntityManager().createQuery("select c from Contract c join fetch c.school s "
                + "where c.status = :st and " + clause + scope + " order by " + orderBy + ", s.name, c.id", Contract.class);
        q.setParameter("st", ContractStatus.ACTIVE).setParameter("d", d);
        if (schoolIn != null) {
            q.setParameter("schools", schoolIn);
        }
        return q.setMaxResults(max).getResultList();
    }

    public List<Contract> list(Filter f, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, params);
        TypedQuery<Contract> q = getEntityManager().createQuery(
                "select c from Contract c join fetch c.school s" + where
                        + " order by c.termEndYear, s.name, c.createdAt, c.id", Contract.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long count(Filter f) {
        Map<String, Object> params = new HashMap<>();
        String where = where(f, params);
        TypedQuery<Long> q = getEntityManager().createQuery("select count(c) from Contract c join c.school s" + where,
                Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.status() != null) {
            clauses.add("c.status = :status");
            params.put("status", f.status());
        }
        if (f.oversightBodyId() != null) {
            clauses.add("c.oversightBody.id = :body");
            params.put("body", f.oversightBodyId());
        }
        if (f.schoolId() != null) {
            clauses.add("s.id = :school");
            params.put("school", f.schoolId());
        }
        if (f.schoolIn() != null) {
            clauses.add("s.id in :schools");
            params.put("schools", f.schoolIn());
        }
        if (f.interventionAtLeast() != null) {
            clauses.add("c.interventionLevel in :levels");
            params.put("levels", f.interventionAtLeast().andAbove());
        }
        if (f.termEndsBeforeOrIn() != null) {
            clauses.add("c.termEndYear <= :endYear");
            params.put("endYear", f.termEndsBeforeOrIn());
        }
        if (f.schoolType() != null) {
            clauses.add("s.type = :type");
            params.put("type", f.schoolType());
        }
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }
}
