package org.portfolio.edfi.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.edfi.domain.MappingSnapshot;
import org.portfolio.edfi.repository.MappingStore;

/**
 * This instance's copy of the district's mappings (issue 17): a write reads the mappings' version (one row, bumped by a
 * trigger in the transaction of every mapping change, V7) and reloads the mappings only when it moved — instead of
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
        synchronized (this) {
            if (snapshot == null || loaded.version() > snapshot.version()) {
                snapshot = loaded;
            }
        }
        return loaded;
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
