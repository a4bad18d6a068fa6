package org.portfolio.integration.domain;

import java.util.Set;
import java.util.UUID;

/**
 * What a client may read of the feed: its roles (only those the endpoint admits), its school scope (some schools, or
 * every school), whether its OVERSIGHT role acts for every school (the district's own oversight office) or for the
 * schools of its scope only (an authorizer's client, one that names oversight bodies) and its id. A client with
 * several roles gets the union of what each role allows on its own (docs/security.md).
 */
public record ReadRights(String clientId, Set<String> roles, Set<UUID> schools, boolean allSchools,
                         boolean oversightDistrictWide) {

    public static final String DISTRICT_ADMIN = "DISTRICT_ADMIN";
    public static final String OVERSIGHT = "OVERSIGHT";
    public static final String SCHOOL_LEADER = "SCHOOL_LEADER";
    public static final String SIS = "SIS";
    public static final String ENROLLMENT_OFFICER = "ENROLLMENT_OFFICER";
    public static final Set<String> ALL_ROLES = Set.of(DISTRICT_ADMIN, OVERSIGHT, SCHOOL_LEADER, SIS, ENROLLMENT_OFFICER);

    public ReadRights {
        roles = roles.stream().filter(ALL_ROLES::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
        schools = Set.copyOf(schools);
    }

    /**
     * Rights scoped to these schools (not every school), OVERSIGHT included: what a subscription's owner keeps when
     * the client directory has not heard of it (never more than its scope).
     */
    public ReadRights(String clientId, Set<String> roles, Set<UUID> schools) {
        this(clientId, roles, schools, false, false);
    }

    /** May this client read an event of this audience about these schools (owned by this client, for SUBSCRIPTION)? */
    public boolean canRead(Audience audience, Set<UUID> eventSchools, String ownerClient) {
        return switch (audience) {
            case DIRECTORY -> !roles.isEmpty();
            case SCHOOL_RECORD -> has(DISTRICT_ADMIN) || wideOversight() || ownSchools(eventSchools);
            case ENROLLMENT_COUNTS -> has(DISTRICT_ADMIN) || wideOversight() || has(ENROLLMENT_OFFICER) || ownSchools(eventSchools);
            case ENROLLMENT_ROUND -> has(DISTRICT_ADMIN) || has(ENROLLMENT_OFFICER);
            case SUBSCRIPTION -> has(DISTRICT_ADMIN) || (ownerClient != null && ownerClient.equals(clientId));
        };
    }

    /** May this client read some events of this audience at all (what it may subscribe to)? */
    public boolean mayEverRead(Audience audience) {
        return switch (audience) {
            case DIRECTORY, SUBSCRIPTION -> !roles.isEmpty();
            case SCHOOL_RECORD -> has(DISTRICT_ADMIN) || has(OVERSIGHT) || has(SCHOOL_LEADER);
            case ENROLLMENT_COUNTS -> has(DISTRICT_ADMIN) || has(OVERSIGHT) || has(ENROLLMENT_OFFICER) || has(SCHOOL_LEADER);
            case ENROLLMENT_ROUND -> has(DISTRICT_ADMIN) || has(ENROLLMENT_OFFICER);
        };
    }

    /** Reads every event of the audience whatever school it is about. */
    public boolean districtWide(Audience audience) {
        return switch (audience) {
            case DIRECTORY -> !roles.isEmpty();
            case SCHOOL_RECORD -> has(DISTRICT_ADMIN) || wideOversight();
            case ENROLLMENT_COUNTS -> has(DISTRICT_ADMIN) || wideOversight() || has(ENROLLMENT_OFFICER);
            case ENROLLMENT_ROUND -> has(DISTRICT_ADMIN) || has(ENROLLMENT_OFFICER);
            case SUBSCRIPTION -> has(DISTRICT_ADMIN);
        };
    }

    /** OVERSIGHT that acts for every school. */
    public boolean wideOversight() {
        return has(OVERSIGHT) && oversightDistrictWide;
    }

    /** Reads events about the schools of its scope: SCHOOL_LEADER, and an authorizer's OVERSIGHT. */
    public boolean readsOwnSchools() {
        return has(SCHOOL_LEADER) || has(OVERSIGHT);
    }

    /** Its own: the event is about schools, every one of them in the client's school scope. */
    private boolean ownSchools(Set<UUID> eventSchools) {
        return readsOwnSchools() && !eventSchools.isEmpty() && (allSchools || schools.containsAll(eventSchools));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
