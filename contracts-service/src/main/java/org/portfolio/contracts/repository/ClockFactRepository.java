package org.portfolio.contracts.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.portfolio.contracts.domain.ClockFactKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The accountability clock's findings (table clock_fact), each at most once: the unique key (kind, contract,
 * subject, period) is the guarantee that two replicas running the clock at the same moment apply each effect once.
 * {@link #recordOnce} inserts in the caller's transaction; of two transactions inserting the same fact, the second
 * waits for the first and, once it commits, inserts nothing.
 */
@ApplicationScoped
public class ClockFactRepository {

    @Inject
    EntityManager em;

    /** A missing-data candidate: a benchmark of an ACTIVE contract's current version without any value. */
    public record MissingCandidate(UUID contractId, UUID benchmarkId, String period, String status,
                                   java.time.LocalDate endedOn, String successorStart) {
    }

    /** A benchmark found MISSING_DATA that still has no value, of an ACTIVE contract (for the calendar). */
    public record OpenMissing(UUID contractId, UUID schoolId, UUID benchmarkId, String metricCode, String period,
                              LocalDate dueDate) {
    }

    /** True if this call recorded the fact (the caller applies its effect), false if it was recorded before. */
    public boolean recordOnce(ClockFactKind kind, UUID contractId, UUID schoolId, UUID subjectId, String period,
                              String metricCode, LocalDate dueDate, LocalDate foundOn, Instant now) {
        int inserted = em.createNativeQuery("""
                        insert into clock_fact (id, kind, contract_id, school_id, subject_id, period, metric_code, due_date,
                                                found_on, created_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        on conflict on constraint clock_fact_once do nothing""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, kind.name()).setParameter(3, contractId)
                .setParameter(4, schoolId).setParameter(5, subjectId).setParameter(6, period == null ? "" : period)
                .setParameter(7, metricCode).setParameter(8, dueDate).setParameter(9, foundOn).setParameter(10, now)
                .executeUpdate();
        return inserted == 1;
    }

    /** Whether a step due on that date was found overdue under that contract (the one a renewal replaced). */
    public boolean stepFoundOverdueUnder(UUID contractId, LocalDate dueDate) {
        return !em.createNativeQuery("select 1 from clock_fact where kind = 'STEP_OVERDUE' and contract_id = ?1"
                        + " and due_date = ?2 limit 1")
                .setParameter(1, contractId).setParameter(2, dueDate).getResultList().isEmpty();
    }

    /** ACTIVE contracts whose current step was due before the date and is not yet found overdue. */
    @SuppressWarnings("unchecked")
    public List<UUID> overdueCandidates(LocalDate today) {
        return em.createNativeQuery("""
                select c.id from contract c
                 where c.status = 'ACTIVE' and c.intervention_due_date < ?1
                   and not exists (select 1 from clock_fact f where f.kind = 'STEP_OVERDUE' and f.contract_id = c.id
                                      and f.due_date = c.intervention_due_date)
                 order by c.intervention_due_date, c.id""", UUID.class).setParameter(1, today).getResultList();
    }

    /**
     * Benchmarks of ACTIVE contracts (and of those that ran out, were renewed or not renewed since {@code endedSince}:
     * an ended term answers for its last years, the caller checks which) whose current version tracks missing data (a grace period is set), whose metric
     * has no value at all for the school and period, and that are not yet found MISSING_DATA. The dates are checked
     * by the caller (they depend on the school year's last day).
     */
    @SuppressWarnings("unchecked")
    public List<MissingCandidate> missingCandidates(java.time.LocalDate endedSince) {
        List<Object[]> rows = em.createNativeQuery("""
                select c.id, b.benchmark_id, b.period, c.status, c.end_effective_date, s.term_start_year
                  from contract c
                  left join contract s on s.id = c.renewed_by_contract_id
                  join contract_version v on v.contract_id = c.id and v.number = c.current_version
                  join contract_benchmark b on b.contract_version_id = v.id
                 where (c.status = 'ACTIVE' or (c.status in ('EXPIRED', 'NON_RENEWED', 'RENEWED')
                                                and c.end_effective_date >= ?1))
                   and v.accountability ->> 'missingDataGraceDays' is not null
                   and not exists (select 1 from metric_observation o
                                    where o.school_id = c.school_id and o.metric_code = b.metric_code and o.period = b.period
                                      and (o.value is not null or o.suppressed))
                   and not exists (select 1 from clock_fact f
                                    where f.kind = 'DATA_MISSING' and f.contract_id = c.id
                                      and f.subject_id = b.benchmark_id and f.period = b.period)
                 order by c.id, b.period, b.position""").setParameter(1, endedSince).getResultList();
        return rows.stream().map(r -> new MissingCandidate((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                r[4] instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) r[4], (String) r[5])).toList();
    }

    /**
     * Benchmarks found MISSING_DATA that still have no value (a withdrawn value, its records retracted, is none), of
     * ACTIVE contracts (of these schools; null: all). */
    @SuppressWarnings("unchecked")
    public List<OpenMissing> openMissing(Collection<UUID> schoolIn, int limit) {
        String scope = schoolIn == null ? "" : " and f.school_id in (:schools)";
        var q = em.createNativeQuery("""
                select f.contract_id, f.school_id, f.subject_id, f.metric_code, f.period, f.due_date
                  from clock_fact f
                  join contract c on c.id = f.contract_id and c.status in ('ACTIVE', 'EXPIRED', 'NON_RENEWED', 'RENEWED')
                 where f.kind = 'DATA_MISSING'
                   and not exists (select 1 from metric_observation o
                                    where o.school_id = f.school_id and o.metric_code = f.metric_code and o.period = f.period
                                      and (o.value is not null or o.suppressed))
                """ + scope + " order by f.due_date, f.contract_id limit " + limit);
        if (schoolIn != null) {
            q.setParameter("schools", schoolIn);
        }
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new OpenMissing((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                toDate(r[5]))).toList();
    }

    private static LocalDate toDate(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
