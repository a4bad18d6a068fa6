package org.portfolio.platform.events.clients;

import java.time.Duration;
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
    /** Woken on every change applied: a request waiting for a client registered a moment ago. */
    private final Object arrivals = new Object();

    /** Applies a change; false when an equal or newer version was already known. */
    public boolean apply(ClientChanged change) {
        if (!change.complete()) {
            throw new IllegalArgumentException("incomplete ClientChanged (clientId, enabled, tokenGeneration and version are required)");
        }
        ClientEntry fresh = ClientEntry.of(change);
        ClientEntry kept = entries.merge(fresh.clientId(), fresh, (old, neu) -> neu.newerThan(old) ? neu : old);
        if (kept == fresh) {
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
        }
        return kept == fresh;
    }

    /**
     * The client, waiting up to {@code max} for its first change to arrive when it is not known yet (a client
     * registered a moment ago whose change is on its way); empty if it does not arrive in time or the thread is
     * interrupted.
     */
    public Optional<ClientEntry> await(String clientId, Duration max) {
        Optional<ClientEntry> e = find(clientId);
        if (e.isPresent() || clientId == null || max.isZero() || max.isNegative()) {
            return e;
        }
        long until = System.nanoTime() + max.toNanos();
        synchronized (arrivals) {
            while ((e = find(clientId)).isEmpty()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return e;
                }
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return find(clientId);
                }
            }
        }
        return e;
    }

    public Optional<ClientEntry> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(entries.get(clientId));
    }

    public int size() {
        return entries.size();
    }
}
