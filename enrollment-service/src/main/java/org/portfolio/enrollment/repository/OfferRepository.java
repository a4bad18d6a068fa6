package org.portfolio.enrollment.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.portfolio.enrollment.domain.Offer;
import org.portfolio.enrollment.domain.OfferStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class OfferRepository implements PanacheRepositoryBase<Offer, UUID> {

    public Optional<Offer> findLive(UUID periodId, UUID applicantId) {
        return find("periodId = ?1 and applicantId = ?2 and status in ?3", periodId, applicantId,
                List.of(OfferStatus.OFFERED, OfferStatus.ACCEPTED)).firstResultOptional();
    }

    public List<Offer> history(UUID periodId, UUID applicantId) {
        return list("periodId = ?1 and applicantId = ?2 order by createdAt, id", periodId, applicantId);
    }

    public Optional<Offer> findInPeriodForUpdate(UUID periodId, UUID id) {
        return find("periodId = ?1 and id = ?2", periodId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The first {@code max} OFFERED offers of the period past their deadline at {@code now}, the longest overdue first. */
    public List<Offer> overdue(UUID periodId, Instant now, int max) {
        return overdue(periodId, now, max, List.of());
    }

    /** As {@link #overdue(UUID, Instant, int)}, leaving out the offers {@code skipping} names. */
    public List<Offer> overdue(UUID periodId, Instant now, int max, java.util.Collection<UUID> skipping) {
        if (skipping.isEmpty()) {
            return find("periodId = ?1 and status = ?2 and deadline < ?3 order by deadline, id", periodId, OfferStatus.OFFERED, now)
                    .range(0, max - 1).list();
        }
        return find("periodId = ?1 and status = ?2 and deadline < ?3 and id not in ?4 order by deadline, id", periodId,
                OfferStatus.OFFERED, now, skipping).range(0, max - 1).list();
    }

    /** The PUBLISHED periods with an OFFERED offer past its deadline at {@code now}. */
    public List<UUID> periodsWithOverdue(Instant now) {
        return getEntityManager().createQuery("select distinct o.periodId from Offer o, EnrollmentPeriod p "
                        + "where p.id = o.periodId and p.status = :published and o.status = :offered and o.deadline < :now",
                        UUID.class)
                .setParameter("published", org.portfolio.enrollment.domain.PeriodStatus.PUBLISHED)
                .setParameter("offered", OfferStatus.OFFERED).setParameter("now", now).getResultList();
    }

    public long countLive(UUID programId) {
        return count("programId = ?1 and status in ?2", programId, List.of(OfferStatus.OFFERED, OfferStatus.ACCEPTED));
    }
}
