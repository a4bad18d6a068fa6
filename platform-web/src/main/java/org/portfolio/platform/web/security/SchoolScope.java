package org.portfolio.platform.web.security;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The schools a client acts for: every school of the district, or a set of school ids (the schools named in its
 * registration and those of the oversight bodies and zones it names, as the gateway resolved them), and the oversight
 * bodies it names. SCHOOL_LEADER and SIS are always limited by it; OVERSIGHT is when its registration names oversight
 * bodies (an authorizer) or its token was narrowed to some schools, not otherwise (the district's own oversight
 * office). DISTRICT_ADMIN and ENROLLMENT_OFFICER are not limited by it.
 */
public record SchoolScope(boolean allSchools, Set<String> schools, Set<String> oversightBodies) {

    /** No school at all: what an unknown or malformed scope grants. */
    public static final SchoolScope NONE = new SchoolScope(false, Set.of());
    /** Every school of the district. */
    public static final SchoolScope ALL = new SchoolScope(true, Set.of());

    public SchoolScope {
        schools = schools == null ? Set.of() : Set.copyOf(schools);
        oversightBodies = oversightBodies == null ? Set.of() : Set.copyOf(oversightBodies);
    }

    public SchoolScope(boolean allSchools, Set<String> schools) {
        this(allSchools, schools, Set.of());
    }

    /** True when the scope names this oversight body (or stands for every school). */
    public boolean coversBody(UUID oversightBodyId) {
        return oversightBodyId != null && (allSchools || oversightBodies.contains(oversightBodyId.toString()));
    }

    public static SchoolScope of(Set<String> schools) {
        return new SchoolScope(false, schools);
    }

    public boolean covers(String schoolId) {
        return schoolId != null && (allSchools || schools.contains(schoolId));
    }

    public boolean covers(UUID schoolId) {
        return schoolId != null && covers(schoolId.toString());
    }

    /**
     * The part of this scope a token narrowed to {@code requested} may use: never more schools than either, and no
     * oversight body (a narrowed token places no school under a body).
     */
    public SchoolScope narrowedTo(Set<String> requested) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : requested) {
            if (covers(s)) {
                out.add(s);
            }
        }
        return new SchoolScope(false, out, Set.of());
    }

    /** The school ids as UUIDs (a malformed entry grants nothing); empty for {@link #ALL}: ask {@link #allSchools()}. */
    public Set<UUID> ids() {
        Set<UUID> out = new LinkedHashSet<>();
        for (String s : schools) {
            UUID id = uuid(s);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    /** The ids a query must be limited to: null when every school is in scope. */
    public Set<UUID> filter() {
        return allSchools ? null : ids();
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(Objects.requireNonNull(s));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
