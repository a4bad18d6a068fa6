package org.portfolio.autonomy.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.DecisionInfo;
import org.portfolio.autonomy.domain.SchoolRights;
import org.portfolio.autonomy.repository.DecisionRepository;
import org.portfolio.autonomy.repository.RightsQueries;
import org.portfolio.autonomy.repository.SchoolRepository;

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

    private List<DecisionInfo> allDecisions() {
        return QuarkusTransaction.joiningExisting().call(() -> decisions.listInOrder().stream()
                .map(d -> new DecisionInfo(d.code, d.domain, d.name, d.retiredInVersion)).toList());
    }
}
