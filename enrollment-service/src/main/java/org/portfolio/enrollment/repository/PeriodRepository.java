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
     * them, so none commits into a period that closed meanwhile (review of 2026-12-05).
     */
    public Optional<EnrollmentPeriod> findForShare(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_READ);
    }

    public Optional<EnrollmentPeriod> findNextRound(UUID previousId) {
        return find("previousPeriodId", previousId).firstResultOptional();
    }
}
