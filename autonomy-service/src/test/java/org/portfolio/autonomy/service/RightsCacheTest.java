package org.portfolio.autonomy.service;

import org.junit.jupiter.api.Test;
import org.portfolio.autonomy.domain.SchoolRights;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The cache never keeps a snapshot loaded before an invalidation, and is bypassed while it cannot hear of changes. */
class RightsCacheTest {

    static RightsCache cache() {
        AutonomyConfig.RightsCache rc = (AutonomyConfig.RightsCache) Proxy.newProxyInstance(
                RightsCacheTest.class.getClassLoader(), new Class<?>[]{AutonomyConfig.RightsCache.class},
                (p, m, a) -> switch (m.getName()) {
                    case "enabled" -> true;
                    case "ttl" -> Duration.ofMinutes(10);
                    case "channel" -> "c";
                    default -> null;
                });
        AutonomyConfig config = (AutonomyConfig) Proxy.newProxyInstance(RightsCacheTest.class.getClassLoader(),
                new Class<?>[]{AutonomyConfig.class}, (p, m, a) -> m.getName().equals("rightsCache") ? rc : null);
        RightsCache c = new RightsCache();
        c.config = config;
        return c;
    }

    @Test
    void hitsComeFromMemoryUntilTheSchoolIsInvalidated() {
        RightsCache c = cache();
        c.listening(true);
        UUID school = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(1);
        c.invalidate(school);
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(2);
    }

    @Test
    void aLoadThatRacedWithAnInvalidationIsNotKept() {
        RightsCache c = cache();
        c.listening(true);
        UUID school = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        // the change commits (and invalidates) while the load is reading the old state
        c.school(school, id -> { loads.incrementAndGet(); c.invalidate(id); return known(id); });
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(2);
        // the same through a full clear (the listener reconnecting)
        UUID other = UUID.randomUUID();
        c.school(other, id -> { loads.incrementAndGet(); c.invalidateAll(); return known(id); });
        c.school(other, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(4);
        // and for bulk loads
        UUID third = UUID.randomUUID();
        c.schools(java.util.List.of(third), ids -> { loads.incrementAndGet(); c.invalidate(third);
            return Map.of(third, known(third)); });
        c.school(third, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(6);
    }

    static SchoolRights known(UUID id) {
        return new SchoolRights(id, true, "S", "S-1", "OPEN", java.util.List.of());
    }

    @Test
    void anUnknownSchoolIsNeverCached() {
        RightsCache c = cache();
        c.listening(true);
        UUID school = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        c.school(school, id -> { loads.incrementAndGet(); return SchoolRights.unknown(id); });
        c.school(school, id -> { loads.incrementAndGet(); return SchoolRights.unknown(id); });
        assertThat(loads).hasValue(2);
    }

    @Test
    void withoutTheChangeListenerEveryCallReadsTheDatabase() {
        RightsCache c = cache();
        UUID school = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(2);
        c.listening(true);
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(3);
        c.listening(false);
        c.school(school, id -> { loads.incrementAndGet(); return known(id); });
        assertThat(loads).hasValue(4);
    }
}
