package org.portfolio.gateway.domain;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The school scope a client is registered with: schools by id, every school of some oversight bodies or zones, or
 * every school of the district. Only the school-scoped roles (SCHOOL_LEADER, SIS) use it; the schools it stands for
 * now are resolved by {@code ScopeResolver} and never ride in a token.
 */
public record ClientScope(Set<String> schools, Set<String> oversightBodies, Set<String> zones, boolean allSchools) {

    public static final ClientScope NONE = new ClientScope(Set.of(), Set.of(), Set.of(), false);

    public ClientScope {
        schools = copy(schools);
        oversightBodies = copy(oversightBodies);
        zones = copy(zones);
    }

    public static ClientScope ofSchools(Set<String> schools) {
        return new ClientScope(schools, Set.of(), Set.of(), false);
    }

    public boolean isEmpty() {
        return !allSchools && schools.isEmpty() && oversightBodies.isEmpty() && zones.isEmpty();
    }

    private static Set<String> copy(Set<String> s) {
        return s == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }
}
