package org.portfolio.platform.events.clients;

import java.time.Instant;
import java.util.List;

/**
 * Data of {@code portfolio.gateway.ClientChanged.v1}: the state of one API client after a committed change
 * (register, new name, roles or schools, secret rotation, disable, enable), never its secret. {@code version}
 * increases with every change of the client, so the highest version is its current state whatever order the
 * records are read in; {@code tokenGeneration} is what the gateway's tokens carry in their {@code gen} claim.
 * {@code schools} is the resolved set of schools its school-scoped roles act for: those named in its registration
 * and those of the {@code oversightBodies} and {@code zones} it names, as the gateway's school registry knows them
 * (a client is published again when a school joins or leaves one of them); {@code allSchools}: every school.
 * {@code createdAt} tells two clients of the same id apart (the bootstrap administrator created again in a new
 * database while the topic still holds the old one): the later creation wins over any version of the earlier.
 */
public record ClientChanged(String clientId, Boolean enabled, Integer tokenGeneration, List<String> roles,
                            List<String> schools, Long version, Instant createdAt, Instant changedAt,
                            Boolean allSchools, List<String> oversightBodies, List<String> zones) {

    /** A change as gateways before school scopes by reference published it (no allSchools, bodies or zones). */
    public ClientChanged(String clientId, Boolean enabled, Integer tokenGeneration, List<String> roles,
                         List<String> schools, Long version, Instant createdAt, Instant changedAt) {
        this(clientId, enabled, tokenGeneration, roles, schools, version, createdAt, changedAt, false, List.of(), List.of());
    }

    /** The fields a directory cannot do without. */
    public boolean complete() {
        return clientId != null && !clientId.isBlank() && enabled != null && tokenGeneration != null && version != null;
    }
}
