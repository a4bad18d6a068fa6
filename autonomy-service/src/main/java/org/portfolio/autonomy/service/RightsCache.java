package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.autonomy.domain.SchoolRights;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * In-memory snapshots of each school's grants (and of the current decision catalog) for the decision-rights
 * check, which other systems call on every hire or purchase.
 *
 * <p>Correctness: every change to a school's grants invalidates its entry after commit, in this replica
 * directly and in every other replica through PostgreSQL NOTIFY ({@link RightsChangeListener}). A load that
 * raced with an invalidation is never stored: each school has a stamp that every invalidation bumps, and an
 * entry is stored only if the stamp is still the one seen before loading (compare-and-set under the map's
 * per-key lock). While the NOTIFY listener is not connected the cache is bypassed, so a replica never answers
 * from a snapshot it could not hear about.
 */
@ApplicationScoped
public class RightsCache {

    private record Slot(long stamp, SchoolRights rights, long loadedAtNanos) {
    }

    private record CatalogSlot(long stamp, Object catalog) {
    }

    private final ConcurrentHashMap<UUID, Slot> schools = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong catalogStamp = new AtomicLong();
    private volatile CatalogSlot catalog;
    private volatile boolean listening;

    @Inject
    AutonomyConfig config;

    public boolean active() {
        return listening && config.rightsCache().enabled();
    }

    /** Called by the listener: the cache may be used only while invalidations can reach this replica. */
    void listening(boolean on) {
        invalidateAll();
        listening = on;
    }

    public SchoolRights school(UUID schoolId, Function<UUID, SchoolRights> loader) {
        if (!active()) {
            return loader.apply(schoolId);
        }
        long ttl = config.rightsCache().ttl().toNanos();
        Slot slot = schools.get(schoolId);
        long now = System.nanoTime();
        long epochSeen = epoch.get();
        if (slot != null && slot.rights != null && now - slot.loadedAtNanos < ttl) {
            return slot.rights;
        }
        long stampSeen = slot == null ? epochSeen : slot.stamp;
        SchoolRights loaded = loader.apply(schoolId);
        if (!loaded.known()) {
            // never cache "unknown": the first event about a school creates it without a grant change to notify
            return loaded;
        }
        schools.compute(schoolId, (id, current) -> {
            long currentStamp = current == null ? epoch.get() : current.stamp;
            return currentStamp == stampSeen && epoch.get() == epochSeen
                    ? new Slot(stampSeen, loaded, System.nanoTime()) : current;
        });
        return loaded;
    }

    /** Many schools at once: hits from memory, the misses in one bulk load. */
    public Map<UUID, SchoolRights> schools(Collection<UUID> ids, Function<Collection<UUID>, Map<UUID, SchoolRights>> bulk) {
        if (!active()) {
            return bulk.apply(ids);
        }
        long ttl = config.rightsCache().ttl().toNanos();
        long now = System.nanoTime();
        long epochSeen = epoch.get();
        Map<UUID, SchoolRights> out = new HashMap<>();
        Map<UUID, Long> missing = new HashMap<>();
        for (UUID id : ids) {
            Slot slot = schools.get(id);
            if (slot != null && slot.rights != null && now - slot.loadedAtNanos < ttl) {
                out.put(id, slot.rights);
            } else {
                missing.put(id, slot == null ? epochSeen : slot.stamp);
            }
        }
        if (!missing.isEmpty()) {
            Map<UUID, SchoolRights> loaded = bulk.apply(missing.keySet());
            loaded.forEach((id, rights) -> {
                long stampSeen = missing.get(id);
                schools.compute(id, (k, current) -> {
                    long currentStamp = current == null ? epoch.get() : current.stamp;
                    return currentStamp == stampSeen && epoch.get() == epochSeen
                            ? new Slot(stampSeen, rights, System.nanoTime()) : current;
                });
                out.put(id, rights);
            });
        }
        return out;
    }

    /** The school's grants changed: drop its snapshot; loads that started before must not store theirs. */
    public void invalidate(UUID schoolId) {
        schools.compute(schoolId, (id, current) ->
                new Slot(Math.max(current == null ? 0 : current.stamp, epoch.get()) + 1, null, 0));
    }

    public void invalidateAll() {
        epoch.addAndGet(1_000_000_000L);
        schools.clear();
        invalidateCatalog();
    }

    @SuppressWarnings("unchecked")
    public <T> T catalog(Supplier<T> loader) {
        CatalogSlot slot = catalog;
        if (active() && slot != null && slot.catalog != null && slot.stamp == catalogStamp.get()) {
            return (T) slot.catalog;
        }
        long seen = catalogStamp.get();
        T loaded = loader.get();
        if (active() && seen == catalogStamp.get()) {
            catalog = new CatalogSlot(seen, loaded);
        }
        return loaded;
    }

    public void invalidateCatalog() {
        catalogStamp.incrementAndGet();
        catalog = null;
    }

    int size() {
        return schools.size();
    }
}
