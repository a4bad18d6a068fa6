package org.portfolio.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The gateway's copy of which oversight body and zone each school belongs to (table school_membership). */
@ApplicationScoped
public class SchoolMembershipRepository {

    /** The gateway's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    /** A school's oversight body and zone, either may be absent. */
    public record Membership(UUID oversightBodyId, String zone) {
    }

    @Inject
    EntityManager em;

    public Optional<Membership> find(UUID schoolId) {
        List<?> rows = em.createNativeQuery("select cast(oversight_body_id as text), zone from school_membership where school_id = ?1")
                .setParameter(1, schoolId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Membership(r[0] == null ? null : UUID.fromString((String) r[0]), (String) r[1]));
    }

    public void save(UUID schoolId, Membership m) {
        em.createNativeQuery("insert into school_membership (school_id, oversight_body_id, zone, updated_at) values (?1, ?2, ?3, ?4) "
                        + "on conflict (school_id) do update set oversight_body_id = excluded.oversight_body_id, "
                        + "zone = excluded.zone, updated_at = excluded.updated_at")
                .setParameter(1, schoolId).setParameter(2, m.oversightBodyId()).setParameter(3, m.zone())
                .setParameter(4, Timestamp.from(clock.instant())).executeUpdate();
    }

    /** The schools of these oversight bodies and zones, as text ids. */
    @SuppressWarnings("unchecked")
    public Set<String> schoolsOf(Collection<String> oversightBodies, Collection<String> zones) {
        if (oversightBodies.isEmpty() && zones.isEmpty()) {
            return Set.of();
        }
        List<UUID> bodies = new ArrayList<>();
        for (String b : oversightBodies) {
            try {
                bodies.add(UUID.fromString(b));
            } catch (IllegalArgumentException ignored) {
                // not an oversight body id: names no school
            }
        }
        List<Object> ids = em.createNativeQuery("select cast(school_id as text) from school_membership "
                        + "where oversight_body_id = any(cast(?1 as uuid[])) or zone = any(cast(?2 as text[])) order by 1")
                .setParameter(1, bodies.stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, zones.toArray(String[]::new))
                .getResultList();
        Set<String> out = new LinkedHashSet<>();
        ids.forEach(i -> out.add((String) i));
        return out;
    }

    /**
     * Serialises the resolution of school scopes within this transaction: a client's scope edit and a school's move
     * between bodies or zones never interleave (each sees the other committed), so no client keeps a stale set.
     */
    public void lockScopes() {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(18018)) locked").getSingleResult();
    }

    /** Ids of the clients whose scope names one of these oversight bodies or zones (and not every school). */
    @SuppressWarnings("unchecked")
    public List<String> clientsNaming(Collection<UUID> oversightBodies, Collection<String> zones) {
        return em.createNativeQuery("select client_id from api_client where not all_schools and ("
                        + "string_to_array(oversight_bodies, ',') && cast(?1 as text[]) "
                        + "or string_to_array(zones, chr(10)) && cast(?2 as text[])) order by client_id")
                .setParameter(1, oversightBodies.stream().map(UUID::toString).toArray(String[]::new))
                .setParameter(2, zones.toArray(String[]::new))
                .getResultList();
    }
}
