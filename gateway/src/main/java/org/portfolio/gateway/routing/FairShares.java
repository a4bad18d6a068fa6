package org.portfolio.gateway.routing;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A service's connections from the gateway, shared fairly among its callers. A proxied request takes one of a service's
 * {@code places} (its pool of connections) before it is sent; when all are taken it waits, and a place that frees goes
 * to the waiting caller that holds the fewest of the service's places now (the earliest of them on a tie), not to the
 * request that has waited longest. Without it, four clients with 64 slow 10 MB bodies each filled contracts-service's
 * 128 connections and every other caller queued behind all of them: another client's small GET took up to 11.1 s
 * (13 ms idle; crowd check of the twenty-second pass, M6). Now it waits for one place to free. A caller is a client
 * ({@code c:subject}) or, without a token, an address ({@code a:address}).
 */
public final class FairShares {

    /** A request's claim on a place: given back (or its wait given up) by {@link #close()}, any number of times. */
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    private final int places;
    private final int maxWaiting;
    private final Map<String, Share> services = new HashMap<>();

    public FairShares(int places, int maxWaiting) {
        this.places = places;
        this.maxWaiting = maxWaiting;
    }

    /**
     * Claims a place at the service for the caller; {@code granted} runs once it has one: at once (on this thread) when
     * one is free, or later through {@code later} (the request's event loop) when one frees. Null when the service
     * already has {@code maxWaiting} requests waiting (the caller answers 503).
     */
    public Ticket enter(String service, String caller, Executor later, Runnable granted) {
        Waiter w = new Waiter(service, caller, later, granted);
        synchronized (this) {
            Share share = services.computeIfAbsent(service, s -> new Share());
            if (share.taken < places) {
                share.take(caller);
                w.state = State.HOLDING;
            } else if (share.waitingCount >= maxWaiting) {
                if (share.taken == 0) {
                    services.remove(service);
                }
                return null;
            } else {
                share.waiting.computeIfAbsent(caller, c -> new ArrayDeque<>()).add(w);
                share.waitingCount++;
                return w;
            }
        }
        granted.run();
        return w;
    }

    /** Places of the service the caller holds now (tests, metrics). */
    public synchronized int holding(String service, String caller) {
        Share share = services.get(service);
        return share == null ? 0 : share.held.getOrDefault(caller, 0);
    }

    /** Requests waiting for a place at the service. */
    public synchronized int waiting(String service) {
        Share share = services.get(service);
        return share == null ? 0 : share.waitingCount;
    }

    private synchronized void close(Waiter w) {
        Share share = services.get(w.service);
        switch (w.state) {
            case WAITING -> {
                ArrayDeque<Waiter> queue = share.waiting.get(w.caller);
                if (queue != null && queue.remove(w)) {
                    share.waitingCount--;
                    if (queue.isEmpty()) {
                        share.waiting.remove(w.caller);
                    }
                }
            }
            case HOLDING -> {
                share.give(w.caller);
                grantNext(share);
            }
            case CLOSED -> {
                return;
            }
        }
        w.state = State.CLOSED;
        if (share.taken == 0 && share.waitingCount == 0) {
            services.remove(w.service);
        }
    }

    /** The freed place goes to the waiting caller holding the fewest places (the earliest on a tie). */
    private void grantNext(Share share) {
        String next = null;
        int fewest = Integer.MAX_VALUE;
        for (String caller : share.waiting.keySet()) {
            int held = share.held.getOrDefault(caller, 0);
            if (held < fewest) {
                fewest = held;
                next = caller;
            }
        }
        if (next == null) {
            return;
        }
        ArrayDeque<Waiter> queue = share.waiting.get(next);
        Waiter w = queue.poll();
        share.waitingCount--;
        if (queue.isEmpty()) {
            share.waiting.remove(next);
        } else {
            // to the end of the order: among callers holding as few, the others' turn comes first
            share.waiting.remove(next);
            share.waiting.put(next, queue);
        }
        share.take(next);
        w.state = State.HOLDING;
        w.later.execute(w.granted);
    }

    private enum State { WAITING, HOLDING, CLOSED }

    private final class Waiter implements Ticket {
        final String service;
        final String caller;
        final Executor later;
        final Runnable granted;
        State state = State.WAITING;

        Waiter(String service, String caller, Executor later, Runnable granted) {
            this.service = service;
            this.caller = caller;
            this.later = later;
            this.granted = granted;
        }

        @Override
        public void close() {
            FairShares.this.close(this);
        }
    }

    private static final class Share {
        int taken;
        int waitingCount;
        final Map<String, Integer> held = new HashMap<>();
        /** Callers with requests waiting, each with its own queue, in the order their turn comes. */
        final LinkedHashMap<String, ArrayDeque<Waiter>> waiting = new LinkedHashMap<>();

        void take(String caller) {
            taken++;
            held.merge(caller, 1, Integer::sum);
        }

        void give(String caller) {
            taken--;
            held.computeIfPresent(caller, (c, n) -> n <= 1 ? null : n - 1);
        }
    }

}
