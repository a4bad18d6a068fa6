package org.portfolio.enrollment.repository;

import jakarta.persistence.EntityManager;

import java.util.function.Supplier;

/**
 * A row lock that a family's or an officer's request waits for at most {@link #LIMIT}: an import or a match holds its
 * period and its applicants until it commits, which may take minutes, and the request is then a 409
 * {@code concurrent-modification} to retry (PostgreSQL's lock_not_available, 55P03, as platform-web maps it), not a
 * request hanging behind it.
 */
final class LockWait {

    /** How long a request waits for a row another transaction holds. */
    static final String LIMIT = "5s";

    private LockWait() {
    }

    /** Runs {@code locking} (a query taking a row lock) with the transaction's lock_timeout at {@link #LIMIT}. */
    static <T> T atMost(EntityManager em, Supplier<T> locking) {
        String previous = (String) em.createNativeQuery("select current_setting('lock_timeout')").getSingleResult();
        em.createNativeQuery("select set_config('lock_timeout', ?1, true)").setParameter(1, LIMIT).getSingleResult();
        T locked = locking.get();
        // reached only when the lock was taken: after a timeout the transaction is over anyway
        em.createNativeQuery("select set_config('lock_timeout', ?1, true)").setParameter(1, previous).getSingleResult();
        return locked;
    }
}
