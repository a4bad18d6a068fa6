package org.portfolio.autonomy.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.CatalogEntry;
import org.portfolio.autonomy.domain.DecisionInfo;
import org.portfolio.autonomy.domain.SchoolRights;
import org.portfolio.autonomy.repository.CatalogRepository;
import org.portfolio.autonomy.repository.DecisionRepository;
import org.portfolio.autonomy.repository.RightsQueries;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the decision-rights check needs from the database: on a cache miss (the first check after each change
 * to a school), and on every check while the cache is off. One SQL statement per school (or per batch of schools).
 */
@ApplicationScoped
public class RightsLoader {

    @Inject
    RightsQueries queries;

    @Inject
    SchoolRepository schools;

    @Inject
    DecisionRepository decisions;

    @Inject
    CatalogRepository catalogVersions;

    /** Every catalog edit makes a new version, so the version number identifies the snapshot. */
    private volatile CatalogSnapshot lastCatalog;

    public SchoolRights load(UUID schoolId) {
        return queries.load(schoolId);
    }

    /** Many schools (the portfolio view). Unknown ids are left out. */
    public Map<UUID, SchoolRights> loadAll(Collection<UUID> schoolIds) {
        return queries.loadAll(schoolIds);
    }

    @Transactional
    public List<UUID> schoolIds() {
        return schools.getEntityManager().createQuery("select s.id from School s", UUID.class).getResultList();
    }

    public CatalogSnapshot catalog() {
        int version = queries.catalogVersion();
        CatalogSnapshot last = lastCatalog;
        if (last != null && last.version() == version) {
            return last;
        }
        CatalogSnapshot loaded = CatalogSnapshot.of(version, allDecisions());
        lastCatalog = loaded;
        return loaded;
    }

    /** Past catalog versions never change; a few of them are kept (a past date is asked again and again). */
    private final Map<Integer, CatalogSnapshot> pastCatalogs = lastUsed(16);

    /** Which version was in force at the end of a past day, for the days asked about lately. */
    private final Map<Instant, Integer> versionsAt = lastUsed(256);

    /** A thread-safe map that keeps the {@code capacity} entries used last. */
    private static <K, V> Map<K, V> lastUsed(int capacity) {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<K, V>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }

    /**
     * The catalog as it stood at {@code instant} (a check of a past date): the decisions the catalog had then, a
     * decision retired since not yet retired, one added since left out, names as they were.
     */
    public CatalogSnapshot catalogAt(Instant instant, CatalogSnapshot current) {
        // the end of a past day: every catalog version made from now on is made after it, so its version never changes
        Integer known = versionsAt.get(instant);
        int version = known != null ? known : queries.catalogVersionAt(instant);
        if (known == null) {
            versionsAt.put(instant, version);
        }
        if (version >= current.version()) {
            return current;
        }
        CatalogSnapshot past = pastCatalogs.get(version);
        if (past == null) {
            past = CatalogSnapshot.of(version, decisionsOf(version));
            pastCatalogs.put(version, past);
        }
        return past;
    }

    private List<DecisionInfo> allDecisions() {
        return QuarkusTransaction.joiningExisting().call(() -> decisions.listInOrder().stream()
                .map(d -> new DecisionInfo(d.code, d.domain, d.name, d.retiredInVersion)).toList());
    }

    private List<DecisionInfo> decisionsOf(int version) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Map<String, String> names = new java.util.HashMap<>();
            for (CatalogEntry e : catalogVersions.entries(version)) {
                names.put(e.key.code, e.name);
            }
            return decisions.listInOrder().stream()
                    .filter(d -> d.introducedInVersion <= version)
                    .map(d -> new DecisionInfo(d.code, d.domain, names.getOrDefault(d.code, d.name),
                            d.retiredInVersion != null && d.retiredInVersion <= version ? d.retiredInVersion : null))
                    .toList();
        });
    }
}
