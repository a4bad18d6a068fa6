package org.portfolio.integration.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.ReadRights;
import org.portfolio.integration.domain.Subscription;
import org.portfolio.platform.events.clients.ClientDirectory;
import org.portfolio.platform.events.clients.ClientEntry;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a subscription's owner may read now: the roles and schools the gateway's client directory says it has today
 * (a change of roles or schools applies to the next delivery), or those it had at registration when the directory
 * has not heard of it; never a role the registering token did not have, nor, when that token was narrowed to some
 * schools, another school.
 */
@ApplicationScoped
public class OwnerRights {

    @Inject
    ClientDirectory directory;

    /**
     * Whether the directory has caught up with the client changes published before this instance started: until it
     * has, a client disabled or narrowed since its registration would look unknown and be given the rights it had
     * then, so nothing is delivered before (review finding: a start while the broker was away delivered the queue
     * to a client disabled since).
     */
    public boolean current() {
        return directory.ready();
    }

    /** The owner's rights now; empty when its client is disabled. */
    public Optional<ReadRights> of(Subscription s) {
        Optional<ClientEntry> entry = directory.find(s.ownerClient);
        if (entry.isPresent() && !entry.get().enabled()) {
            return Optional.empty();
        }
        return Optional.of(rights(s, entry));
    }

    /**
     * What decides whether an event is queued for the subscription: the owner's rights now, also while its client is
     * disabled (the queue is delivered once it is enabled again, each row checked again then; hostile review of
     * 2026-12-05, sixth pass, L6: a disabled owner's queue took the rights it had at registration, so a client that lost
     * a school and was disabled found that school's events, ids, types and sequence, in its delivery log once enabled).
     */
    public ReadRights forQueueing(Subscription s) {
        return rights(s, directory.find(s.ownerClient));
    }

    /** A client's schools as ids, read once per version of its directory entry (entries are replaced, never changed). */
    private record Parsed(ClientEntry entry, Set<UUID> schools) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Parsed> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The entry's schools as ids: every event queued asked each subscription's owner for them, and a 2,000-school
     * authorizer's list was parsed once per subscription per event, inside the feed's lock (hostile read of the
     * twenty-sixth pass, W5). Kept per client while its entry is the same object; one entry per client at most.
     */
    private Set<UUID> schoolsOf(ClientEntry e) {
        Parsed p = parsed.get(e.clientId());
        if (p != null && p.entry() == e) {
            return p.schools();
        }
        Set<UUID> ids = Set.copyOf(uuids(e.schools()));
        parsed.put(e.clientId(), new Parsed(e, ids));
        return ids;
    }

    private ReadRights rights(Subscription s, Optional<ClientEntry> entry) {
        if (entry.isEmpty()) {
            return new ReadRights(s.ownerClient, s.ownerRoles, s.ownerSchools);
        }
        ClientEntry e = entry.get();
        // never more than the registering token could read (hostile review of 2026-12-05, sixth pass, M5: a token
        // narrowed to SCHOOL_LEADER of school A registered, and the deliveries read with every role and school of its
        // client): the roles it had, and the schools it was narrowed to, as far as the client still has them
        Set<String> roles = new java.util.TreeSet<>(e.roles());
        roles.retainAll(s.ownerRoles);
        if (s.narrowedToSchools) {
            Set<UUID> schools = new java.util.TreeSet<>(s.ownerSchools);
            if (!e.allSchools()) {
                schools.retainAll(schoolsOf(e));
            }
            return new ReadRights(s.ownerClient, roles, schools, false, false);
        }
        return new ReadRights(s.ownerClient, roles, schoolsOf(e), e.allSchools(), e.oversightBodies().isEmpty());
    }

    static Set<UUID> uuids(Set<String> ids) {
        return ids.stream().map(OwnerRights::uuid).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
