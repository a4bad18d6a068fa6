package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.portfolio.enrollment.domain.EnrollmentPeriod;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PeriodRepository implements PanacheRepositoryBase<EnrollmentPeriod, UUID> {

    public Optional<EnrollmentPeriod> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The period, locked FOR SHARE: submissions and withdrawals run side by side, and a close (FOR UPDATE) waits for
     * them, so none commits into a period that closed meanwhile (review of 2026-12-05). It waits at most
     * {@link LockWait#LIMIT} for a close, a match or an import holding the period (twentieth pass, N2: an application
     * waited behind an import's lock without a limit), then is a 409 {@code concurrent-modification}.
     */
    public Optional<EnrollmentPeriod> findForShare(UUID id) {
        return LockWait.atMost(getEntityManager(), () -> findByIdOptional(id, LockModeType.PESSIMISTIC_READ));
    }

    /**
     * An earlier round of a period, locked FOR SHARE without a limit: an offer answered there, or the expiry of its
     * overdue offers (every offer of a round falls due at once), holds it FOR UPDATE, and an application or import in
     * the later round waits for that and then goes on, as before the limit on the round itself (hostile read of the
     * twenty-first pass, M1).
     */
    public Optional<EnrollmentPeriod> findEarlierRoundForShare(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_READ);
    }

    /** The period's status as committed, without loading it (null: no such period). */
    public String statusOf(UUID id) {
        return getEntityManager().createQuery("select p.status from EnrollmentPeriod p where p.id = :id", Object.class)
                .setParameter("id", id).getResultStream().findFirst().map(String::valueOf).orElse(null);
    }

    public Optional<EnrollmentPeriod> findNextRound(UUID previousId) {
        return find("previousPeriodId", previousId).firstResultOptional();
    }
}
