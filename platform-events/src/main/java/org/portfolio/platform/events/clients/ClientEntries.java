package org.portfolio.platform.events.clients;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The clients a service knows, in memory. The highest version of a client wins whatever order its changes arrive
 * in, so a re-delivered or out-of-order record (or a compaction that has not run yet) never takes a change back;
 * a client created again under the same id (a new database) wins over every version of the earlier one.
 */
public final class ClientEntries {

    private final ConcurrentMap<String, ClientEntry> entries = new ConcurrentHashMap<>();

    /** Applies a change; false when an equal or newer version was already known. */
    public boolean apply(ClientChanged change) {
        if (!change.complete()) {
            throw new IllegalArgumentException("incomplete ClientChanged (clientId, enabled, tokenGeneration and version are required)");
        }
        ClientEntry fresh = ClientEntry.of(change);
        ClientEntry kept = entries.merge(fresh.clientId(), fresh, (old, neu) -> neu.newerThan(old) ? neu : old);
        return kept == fresh;
    }

    public Optional<ClientEntry> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(entries.get(clientId));
    }

    public int size() {
        return entries.size();
    }
}
