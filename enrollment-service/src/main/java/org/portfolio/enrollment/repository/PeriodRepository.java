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

    public Optional<EnrollmentPeriod> findNextRound(UUID previousId) {
        return find("previousPeriodId", previousId).firstResultOptional();
    }
}
