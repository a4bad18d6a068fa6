package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.portfolio.autonomy.domain.School;

import java.time.Clock;
import java.util.UUID;

@ApplicationScoped
public class SchoolRepository implements PanacheRepositoryBase<School, UUID> {

    @Inject
    Clock clock;

    /**
     * The school's row, created if this is the first the service hears of it, and locked for the rest of the
     * transaction: every change to a school's grants takes this lock first, so event handlers and API calls on
     * one school never interleave (e.g. a rating and a contract activation both checking EARNED eligibility).
     */
    public School lockOrCreate(UUID schoolId) {
        getEntityManager().createNativeQuery(
                        "insert into school (id, first_seen_at, updated_at, version) values (?1, ?2, ?2, 0) "
                                + "on conflict (id) do nothing")
                .setParameter(1, schoolId)
                .setParameter(2, clock.instant())
                .executeUpdate();
        return getEntityManager().find(School.class, schoolId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Locks an existing school; null when the service has never heard of it. */
    public School lockIfExists(UUID schoolId) {
        return getEntityManager().find(School.class, schoolId, LockModeType.PESSIMISTIC_WRITE);
    }
}
