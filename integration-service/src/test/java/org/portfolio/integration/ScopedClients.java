package org.portfolio.integration;

import org.portfolio.platform.events.clients.ClientTopic;
import org.portfolio.testing.EventsProbe;
import org.portfolio.testing.TestTokens;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API clients scoped by reference (docs/decisions/0007): the gateway's {@code ClientChanged} on {@code gateway.clients}
 * as the gateway publishes it (the registration's oversight bodies, zones or allSchools, and the school set it resolved
 * them to), and tokens as the gateway issues them since issue 18 ({@code school_scope: client}, no schools claim).
 */
final class ScopedClients {

    /** One registered client: its id, roles, the token it holds, and the version of its last published change. */
    static final class Client {
        final String id;
        final List<String> roles;
        final String token;
        final Instant createdAt = Instant.now();
        long version;

        Client(String id, List<String> roles) {
            this.id = id;
            this.roles = roles;
            this.token = TestTokens.byReference(id, roles.toArray(String[]::new));
        }
    }

    private ScopedClients() {
    }

    /** A client named by oversight bodies: the schools are those the gateway resolved the bodies to. */
    static Client byBodies(String name, List<String> roles, List<UUID> bodies, Collection<UUID> schools) {
        Client c = new Client(name + "-" + UUID.randomUUID(), roles);
        change(c, schools, false, bodies, List.of());
        return c;
    }

    /** A client named by zones: the schools are those the gateway resolved the zones to. */
    static Client byZones(String name, List<String> roles, List<String> zones, Collection<UUID> schools) {
        Client c = new Client(name + "-" + UUID.randomUUID(), roles);
        change(c, schools, false, List.of(), zones);
        return c;
    }

    /** A client that names its schools one by one (up to 20,000). */
    static Client bySchools(String name, List<String> roles, Collection<UUID> schools) {
        Client c = new Client(name + "-" + UUID.randomUUID(), roles);
        change(c, schools, false, List.of(), List.of());
        return c;
    }

    /** A client of every school (allSchools: SIS only at the gateway): the event carries no list. */
    static Client allSchools(String name, List<String> roles) {
        Client c = new Client(name + "-" + UUID.randomUUID(), roles);
        change(c, List.of(), true, List.of(), List.of());
        return c;
    }

    /** The client's scope now resolves to these schools (an edit of its registration, or a school that moved). */
    static void change(Client c, Collection<UUID> schools, boolean allSchools, List<UUID> bodies, List<String> zones) {
        change(c, schools, allSchools, bodies, zones, true);
    }

    /** The same, the client enabled or disabled. */
    static void change(Client c, Collection<UUID> schools, boolean allSchools, List<UUID> bodies, List<String> zones,
                       boolean enabled) {
        c.version++;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("clientId", c.id);
        d.put("enabled", enabled);
        d.put("tokenGeneration", 0);
        d.put("roles", c.roles);
        d.put("schools", schools.stream().map(UUID::toString).toList());
        d.put("allSchools", allSchools);
        d.put("oversightBodies", bodies.stream().map(UUID::toString).toList());
        d.put("zones", zones);
        d.put("version", c.version);
        d.put("createdAt", c.createdAt.toString());
        d.put("changedAt", Instant.now().toString());
        EventsProbe.publish(ClientTopic.NAME, ClientTopic.SOURCE, ClientTopic.TYPE, c.id, d);
    }
}
