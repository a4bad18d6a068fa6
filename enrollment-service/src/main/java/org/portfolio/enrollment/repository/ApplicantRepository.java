package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.portfolio.enrollment.domain.Applicant;
import org.portfolio.enrollment.domain.PeriodStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ApplicantRepository implements PanacheRepositoryBase<Applicant, UUID> {

    /**
     * The applicant, its row locked FOR UPDATE: an application is written against the applicant's grade and zone as
     * they stand, and a change of them waits for it, or it for the change (twentieth pass: a grade changed while an
     * application was written left a grade-1 child with a Kindergarten choice, and seat); two first applications of
     * one applicant to one period sent at once are one after the other, the second a change of the first (before: a
     * 409 from the unique key). It waits at most {@link LockWait#LIMIT}: an import holds its applicants until it commits,
     * which may take minutes, and an officer's edit or a family's application is then a 409
     * {@code concurrent-modification} (55P03), not a request hanging behind it (hostile review of the pass, M1).
     */
    public Optional<Applicant> findForUpdate(UUID id) {
        return LockWait.atMost(getEntityManager(), () -> findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Applicant> findByExternalRef(String ref) {
        return find("externalRef", ref).firstResultOptional();
    }

    /**
     * The applicants among these with a submitted application in a period between its close and its publication
     * (CLOSED or MATCHED), whose match reads their data. Every unpublished period they have applied in is locked FOR
     * SHARE, so a close waits for the caller's transaction and the caller sees a close that committed before it; NOWAIT:
     * a period being changed right now (closed, matched, imported into) makes this a 409 concurrent-modification
     * (SQL state 55P03) at once, rather than a wait behind a match of many minutes or a deadlock between two imports.
     */
    @SuppressWarnings("unchecked")
    public Set<UUID> inPeriodsBeingMatched(Collection<UUID> applicantIds) {
        if (applicantIds.isEmpty()) {
            return Set.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        select a.applicant_id, p.status from application a join enrollment_period p on p.id = a.period_id
                        where a.applicant_id = any (?1) and a.status = 'SUBMITTED' and p.status <> 'PUBLISHED'
                        order by p.id for share of p nowait""")
                .setParameter(1, applicantIds.toArray(UUID[]::new)).getResultList();
        Set<UUID> out = new HashSet<>();
        for (Object[] r : rows) {
            String status = String.valueOf(r[1]);
            if (PeriodStatus.CLOSED.name().equals(status) || PeriodStatus.MATCHED.name().equals(status)) {
                out.add((UUID) r[0]);
            }
        }
        return out;
    }

    /** An applicant with a submitted application in a period, as the search for likely duplicates reads it. */
    public record Named(UUID applicantId, String externalRef, String firstName, String lastName, java.time.LocalDate birthDate,
                        Instant submittedAt) {
    }

    /**
     * The applicants with a submitted application in the period, with their names and birth dates, read a thousand
     * rows at a time (a district's round may hold tens of thousands).
     */
    @SuppressWarnings("unchecked")
    public java.util.stream.Stream<Named> submittedIn(UUID periodId) {
        java.util.stream.Stream<Object[]> rows = getEntityManager().createNativeQuery("""
                        select p.id, p.external_ref, p.first_name, p.last_name, p.birth_date::text, a.submitted_at
                        from application a join applicant p on p.id = a.applicant_id
                        where a.period_id = ?1 and a.status = 'SUBMITTED'""")
                .setParameter(1, periodId).setHint("org.hibernate.fetchSize", 1000).getResultStream();
        return rows.map(r -> new Named((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                java.time.LocalDate.parse((String) r[4]), instant(r[5])));
    }

    private static Instant instant(Object v) {
        return v instanceof Instant i ? i : v instanceof java.time.OffsetDateTime o ? o.toInstant()
                : ((java.sql.Timestamp) v).toInstant();
    }
}
