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

    public Optional<EnrollmentPeriod> findNextRound(UUID previousId) {
        return find("previousPeriodId", previousId).firstResultOptional();
    }
}
