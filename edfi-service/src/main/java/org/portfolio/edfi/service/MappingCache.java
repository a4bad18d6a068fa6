package org.portfolio.edfi.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.edfi.domain.MappingSnapshot;
import org.portfolio.edfi.repository.MappingStore;

/**
 * This instance's copy of the district's mappings (issue 17): a write reads the mappings' version (one row, bumped by a
 * trigger in the transaction of every mapping change, V7; never the same number for other mappings, V8) and reloads the mappings only when it moved — instead of
 * reading the whole school map and category table on every write. Correct with several instances: the version is in the
 * database, and a write reads it after taking the shared mapping lock (and its school's lock), so a change that
 * committed before is seen and one that has not cannot commit until the write ends (docs/edfi.md, "The mappings cache").
 */
@ApplicationScoped
public class MappingCache {

    @Inject
    MappingStore store;

    private volatile MappingSnapshot snapshot;

    /**
     * The mappings at {@code version} (read by the caller's transaction), reloaded in that transaction when this copy is
     * of another version. A reload may see a later version (a change that committed since): of mappings the caller's
     * locks do not cover — those it holds keep any change of theirs from committing.
     */
    public MappingSnapshot at(long version) {
        MappingSnapshot s = snapshot;
        if (s != null && s.version() == version) {
            return s;
        }
        MappingSnapshot loaded = store.snapshot();
        // whatever was loaded is kept, also a lower version (the database went back in time: the copy must follow it,
        // and no write may reload on every call); a racing older load costs the next write a reload, never a wrong
        // answer, since a copy is used only for the exact version a write read (review of the mappings cache, M1)
        snapshot = loaded;
        return loaded;
    }

    /** This instance's copy as it is (no database read; null before the first load): for an early, unlocked refusal only. */
    public MappingSnapshot latest() {
        return snapshot;
    }

    /** The mappings as committed now, without a lock (what a read of the tables would see). */
    public MappingSnapshot current() {
        return at(store.version());
    }

    /** The mapping lock taken shared (mapping edits wait for this transaction), and the mappings as committed then. */
    public MappingSnapshot lockShared() {
        return at(store.lockSharedAndVersion());
    }
}
