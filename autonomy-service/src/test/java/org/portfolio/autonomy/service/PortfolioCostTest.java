package org.portfolio.autonomy.service;

import org.junit.jupiter.api.Test;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.DecisionInfo;
import org.portfolio.autonomy.domain.DomainControl;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSnapshot;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.SchoolRights;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio view's cost does not grow with every page of a large district (issue 18): a school's cells (who holds
 * each domain, why, its live grants) are computed once per rights snapshot and day, and again only for a school
 * whose grants changed. The answer stays the one computed from the current snapshot.
 */
class PortfolioCostTest {

    static final int SCHOOLS = 200;

    /** The rights of each school as the database would give them; a test changes them and invalidates the cache. */
    final Map<UUID, SchoolRights> db = new LinkedHashMap<>();

    DecisionRightsService service() {
        AutonomyConfig config = (AutonomyConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{AutonomyConfig.class}, (p, m, a) -> switch (m.getName()) {
                    case "rightsCache" -> RightsCacheTest.cache().config.rightsCache();
                    case "timeZone" -> ZoneId.of("America/Chicago");
                    default -> null;
                });
        RightsCache cache = RightsCacheTest.cache();
        cache.listening(true);
        CatalogSnapshot catalog = CatalogSnapshot.of(1, List.of(
                new DecisionInfo("HIRE_TEACHERS", AutonomyDomain.PEOPLE, "Hire teachers", null),
                new DecisionInfo("DISMISS_STAFF", AutonomyDomain.PEOPLE, "Dismiss staff", null),
                new DecisionInfo("SET_SCHOOL_CALENDAR", AutonomyDomain.TIME, "Set the calendar", null),
                new DecisionInfo("ALLOCATE_BUDGET", AutonomyDomain.MONEY, "Allocate the budget", null)));
        RightsLoader loader = new RightsLoader() {
            @Override
            public SchoolRights load(UUID schoolId) {
                return db.getOrDefault(schoolId, SchoolRights.unknown(schoolId));
            }

            @Override
            public Map<UUID, SchoolRights> loadAll(Collection<UUID> ids) {
                Map<UUID, SchoolRights> out = new HashMap<>();
                ids.forEach(id -> out.put(id, load(id)));
                return out;
            }

            @Override
            public List<UUID> schoolIds() {
                return new ArrayList<>(db.keySet());
            }

            @Override
            public CatalogSnapshot catalog() {
                return catalog;
            }

            @Override
            public CatalogSnapshot catalogAt(java.time.Instant instant, CatalogSnapshot current) {
                return catalog;
            }
        };
        DecisionRightsService s = new DecisionRightsService();
        s.cache = cache;
        s.loader = loader;
        s.config = config;
        s.clock = java.time.Clock.systemUTC();
        return s;
    }

    static SchoolRights school(UUID id, int i, GrantStatus people) {
        List<GrantSnapshot> grants = people == null ? List.of() : List.of(new GrantSnapshot(UUID.randomUUID(), id,
                AutonomyDomain.PEOPLE, GrantModel.FULL_WITH_EXPECTATIONS, GrantSource.CONTRACT_PROVISION, Set.of(),
                "Hiring", UUID.randomUUID(), UUID.randomUUID(), null, null, null, LocalDate.now().minusYears(1),
                LocalDate.now().plusYears(2), null, people, Instant.now().minusSeconds(60), null, List.of()));
        return new SchoolRights(id, true, String.format("School %03d", i), "D-" + i, "OPEN", grants);
    }

    static DomainControl people(DecisionRightsService.Portfolio p, UUID school) {
        return p.rows().stream().filter(r -> r.school().schoolId().equals(school)).findFirst().orElseThrow()
                .domains().stream().filter(d -> d.domain() == AutonomyDomain.PEOPLE).findFirst().orElseThrow().control();
    }

    @Test
    void eachSchoolsCellsAreComputedOncePerSnapshotAndAgainOnlyWhenItsGrantsChange() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < SCHOOLS; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            db.put(id, school(id, i, GrantStatus.ACTIVE));
        }
        DecisionRightsService service = service();
        DecisionRightsService.PortfolioFilter all = new DecisionRightsService.PortfolioFilter(null, null, null, null, null);

        long c0 = service.portfolioCellsComputed();
        DecisionRightsService.Portfolio first = service.portfolio(all, null, 0, 50);
        assertThat(service.portfolioCellsComputed() - c0).isEqualTo(SCHOOLS);
        assertThat(first.total()).isEqualTo(SCHOOLS);
        assertThat(first.totals().get(AutonomyDomain.PEOPLE).get(DomainControl.SCHOOL)).isEqualTo(SCHOOLS);

        // the next pages of the same view compute nothing again
        long c1 = service.portfolioCellsComputed();
        for (int page = 1; page < 4; page++) {
            assertThat(service.portfolio(all, null, page, 50).rows()).hasSize(50);
        }
        assertThat(service.portfolioCellsComputed() - c1).isZero();

        // one school's PEOPLE grant is revoked: only its cells are computed again, and the view shows the change
        UUID revoked = ids.get(7);
        db.put(revoked, school(revoked, 7, GrantStatus.REVOKED));
        service.cache.invalidate(revoked);
        long c2 = service.portfolioCellsComputed();
        DecisionRightsService.Portfolio after = service.portfolio(all, null, 0, 50);
        assertThat(service.portfolioCellsComputed() - c2).isEqualTo(1);
        assertThat(people(after, revoked)).isEqualTo(DomainControl.DISTRICT);
        assertThat(people(after, ids.get(8))).isEqualTo(DomainControl.SCHOOL);
        assertThat(after.totals().get(AutonomyDomain.PEOPLE).get(DomainControl.SCHOOL)).isEqualTo(SCHOOLS - 1);
        assertThat(after.totals().get(AutonomyDomain.PEOPLE).get(DomainControl.DISTRICT)).isEqualTo(1);

        // another date is another answer: computed for it, not taken from today's cells
        long c3 = service.portfolioCellsComputed();
        DecisionRightsService.Portfolio past = service.portfolio(all, LocalDate.now().minusYears(3), 0, 50);
        assertThat(service.portfolioCellsComputed() - c3).isEqualTo(SCHOOLS);
        assertThat(people(past, ids.get(8))).isEqualTo(DomainControl.DISTRICT);
    }
}
