package org.portfolio.platform.events.clients;

import org.portfolio.platform.web.security.SchoolScope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** What a service knows of one API client: the latest {@link ClientChanged} it read. */
public record ClientEntry(String clientId, boolean enabled, int tokenGeneration, long version, Instant createdAt,
                          Set<String> roles, Set<String> schools, boolean allSchools,
                          Set<String> oversightBodies) {

    public ClientEntry(String clientId, boolean enabled, int tokenGeneration, long version, Instant createdAt,
                       Set<String> roles, Set<String> schools, boolean allSchools) {
        this(clientId, enabled, tokenGeneration, version, createdAt, roles, schools, allSchools, Set.of());
    }

    static ClientEntry of(ClientChanged c) {
        return new ClientEntry(c.clientId(), c.enabled(), c.tokenGeneration(), c.version(),
                // milliseconds: the database keeps microseconds, the first event may carry nanoseconds
                c.createdAt() == null ? Instant.EPOCH : c.createdAt().truncatedTo(ChronoUnit.MILLIS),
                set(c.roles()), set(c.schools()), Boolean.TRUE.equals(c.allSchools()),
                set(c.oversightBodies()));
    }

    /** The schools its scoped roles act for now, and the oversight bodies it names. */
    public SchoolScope scope() {
        return new SchoolScope(allSchools, schools, oversightBodies == null ? Set.of() : oversightBodies);
    }

    /** A later creation of the same id, or a higher version of the same creation. */
    boolean newerThan(ClientEntry other) {
        int byCreation = createdAt.compareTo(other.createdAt);
        return byCreation != 0 ? byCreation > 0 : version > other.version;
    }

    private static Set<String> set(List<String> values) {
        // a null element (a writer's slip) is left out: a role or school fewer, never a directory stuck on the record
        return values == null ? Set.of() : values.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
