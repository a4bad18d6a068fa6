package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Tells every replica's {@link RightsCache} that a school's grants (or the catalog) changed: a PostgreSQL
 * NOTIFY in the same transaction (delivered to the listeners only if it commits), plus a direct invalidation in
 * this replica right after commit so that a caller reads its own write at once.
 */
@ApplicationScoped
public class RightsChangeNotifier {

    static final String CATALOG = "catalog";
    private static final Object KEY = new Object();

    @Inject
    EntityManager em;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    RightsCache cache;

    @Inject
    AutonomyConfig config;

    @Transactional(Transactional.TxType.MANDATORY)
    public void schoolChanged(UUID schoolId) {
        changed(schoolId.toString());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void catalogChanged() {
        changed(CATALOG);
    }

    @SuppressWarnings("unchecked")
    private void changed(String what) {
        Set<String> pending = (Set<String>) tsr.getResource(KEY);
        if (pending == null) {
            Set<String> fresh = new HashSet<>();
            tsr.putResource(KEY, fresh);
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        fresh.forEach(RightsChangeNotifier.this::invalidateLocally);
                    }
                }
            });
            pending = fresh;
        }
        if (pending.add(what)) {
            em.createNativeQuery("select pg_notify(?1, ?2)")
                    .setParameter(1, config.rightsCache().channel())
                    .setParameter(2, what)
                    .getSingleResult();
        }
    }

    void invalidateLocally(String what) {
        if (CATALOG.equals(what)) {
            cache.invalidateCatalog();
        } else {
            try {
                cache.invalidate(UUID.fromString(what));
            } catch (IllegalArgumentException e) {
                cache.invalidateAll();
            }
        }
    }
}
