package org.portfolio.autonomy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.autonomy.domain.DecisionInfo;
import org.portfolio.autonomy.domain.Grant;
import org.portfolio.autonomy.domain.GrantHistory;
import org.portfolio.autonomy.domain.GrantSnapshot;
import org.portfolio.autonomy.domain.School;
import org.portfolio.autonomy.domain.SchoolRights;
import org.portfolio.autonomy.repository.CatalogRepository;
import org.portfolio.autonomy.repository.DecisionRepository;
import org.portfolio.autonomy.repository.GrantHistoryRepository;
import org.portfolio.autonomy.repository.GrantRepository;
import org.portfolio.autonomy.repository.SchoolRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the decision-rights check needs from the database (on a cache miss, or always when the cache is off). */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class RightsLoader {

    @Inject
    SchoolRepository schools;

    @Inject
    GrantRepository grants;

    @Inject
    GrantHistoryRepository history;

    @Inject
    DecisionRepository decisions;

    @Inject
    CatalogRepository catalog;

    public SchoolRights load(UUID schoolId) {
        School school = schools.findById(schoolId);
        if (school == null) {
            return SchoolRights.unknown(schoolId);
        }
        List<Grant> gs = grants.ofSchool(schoolId);
        return rights(school, gs, byGrant(history.ofGrants(gs.stream().map(g -> g.id).toList())));
    }

    /** Many schools in three queries (the portfolio view). Unknown ids are left out. */
    public Map<UUID, SchoolRights> loadAll(Collection<UUID> schoolIds) {
        Map<UUID, SchoolRights> out = new LinkedHashMap<>();
        List<UUID> ids = List.copyOf(schoolIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            Map<UUID, School> found = new HashMap<>();
            schools.list("id in ?1", chunk).forEach(s -> found.put(s.id, s));
            List<Grant> gs = grants.ofSchools(chunk);
            Map<UUID, List<GrantHistory>> hist = byGrant(history.ofGrants(gs.stream().map(g -> g.id).toList()));
            Map<UUID, List<Grant>> bySchool = new HashMap<>();
            gs.forEach(g -> bySchool.computeIfAbsent(g.schoolId, k -> new ArrayList<>()).add(g));
            for (UUID id : chunk) {
                School s = found.get(id);
                if (s != null) {
                    out.put(id, rights(s, bySchool.getOrDefault(id, List.of()), hist));
                }
            }
        }
        return out;
    }

    public List<UUID> schoolIds() {
        return schools.getEntityManager().createQuery("select s.id from School s", UUID.class).getResultList();
    }

    /** Every catalog edit makes a new version, so the version number identifies the snapshot. */
    private volatile CatalogSnapshot lastCatalog;

    public CatalogSnapshot catalog() {
        int version = catalog.latestVersion();
        CatalogSnapshot last = lastCatalog;
        if (last != null && last.version() == version) {
            return last;
        }
        List<DecisionInfo> all = decisions.listInOrder().stream()
                .map(d -> new DecisionInfo(d.code, d.domain, d.name, d.retiredInVersion)).toList();
        CatalogSnapshot loaded = CatalogSnapshot.of(version, all);
        lastCatalog = loaded;
        return loaded;
    }

    private static SchoolRights rights(School school, List<Grant> gs, Map<UUID, List<GrantHistory>> hist) {
        List<GrantSnapshot> snaps = gs.stream().map(g -> GrantSnapshot.of(g, hist.getOrDefault(g.id, List.of()))).toList();
        return new SchoolRights(school.id, true, school.name, school.districtCode, school.status, snaps);
    }

    private static Map<UUID, List<GrantHistory>> byGrant(List<GrantHistory> rows) {
        Map<UUID, List<GrantHistory>> out = new HashMap<>();
        rows.forEach(h -> out.computeIfAbsent(h.grantId, k -> new ArrayList<>()).add(h));
        return out;
    }
}
