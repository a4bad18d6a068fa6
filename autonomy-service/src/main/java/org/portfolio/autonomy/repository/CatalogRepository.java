package org.portfolio.autonomy.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.portfolio.autonomy.domain.CatalogEntry;
import org.portfolio.autonomy.domain.CatalogVersion;

import java.util.List;

/** Catalog versions and their snapshots. */
@ApplicationScoped
public class CatalogRepository implements PanacheRepositoryBase<CatalogVersion, Integer> {

    /**
     * The latest version, locked: catalog edits are serialised so that version numbers never collide. An edit that
     * waited for the lock finds, once it has it, the version the edit before it added (PostgreSQL hands the waiter the
     * row it asked for, which is no longer the latest): it locks that one instead. Before (twentieth pass, an outside
     * check of races), ten decisions added at once gave one 201 and nine 409s.
     */
    public CatalogVersion lockLatest() {
        while (true) {
            CatalogVersion locked = find("order by version desc").withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (locked == null || locked.version == latestVersion()) {
                return locked;
            }
        }
    }

    public int latestVersion() {
        Integer v = getEntityManager().createQuery("select max(version) from CatalogVersion", Integer.class)
                .getSingleResult();
        return v == null ? 0 : v;
    }

    public List<CatalogVersion> allNewestFirst() {
        return list("order by version desc");
    }

    public List<CatalogEntry> entries(int version) {
        return getEntityManager().createQuery(
                        "from CatalogEntry where key.catalogVersion = ?1 order by domain, key.code", CatalogEntry.class)
                .setParameter(1, version).getResultList();
    }

    public long countEntries(int version) {
        return getEntityManager().createQuery(
                        "select count(e) from CatalogEntry e where e.key.catalogVersion = ?1", Long.class)
                .setParameter(1, version).getSingleResult();
    }

    public void persistEntry(CatalogEntry e) {
        getEntityManager().persist(e);
    }
}
