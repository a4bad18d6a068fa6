package org.portfolio.edfi.service;

import org.portfolio.edfi.repository.PendingStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What becomes of the rows a pass claimed: settled (sent, or dropped as rejected), postponed, or failing. */
final class SendOutcome {

    /** Single records performance-service failed on (500) in a row, with nothing taken in between, before the rest waits. */
    static final int FAILURES_BEFORE_WAITING = 3;

    final List<Long> settled = new ArrayList<>();
    final List<Long> postponed = new ArrayList<>();
    /** Records performance-service failed on (500) when sent alone: "kind|key" → their rows. */
    final Map<String, List<PendingStore.Pending>> failing = new LinkedHashMap<>();
    /** performance-service took something (an upload or a retraction answered 2xx) in this pass. */
    boolean anyTaken;
    private int failuresInARow;
    private final Duration retryMin;
    private final Duration retryMax;
    Duration delay;

    SendOutcome(Duration retryMin, Duration retryMax) {
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.delay = retryMin;
    }

    void settle(List<PendingStore.Pending> rows) {
        rows.forEach(p -> settled.add(p.id()));
    }

    void taken() {
        anyTaken = true;
        failuresInARow = 0;
    }

    void fail(String kind, String key, List<PendingStore.Pending> rows) {
        failing.put(kind + "|" + key, rows);
        failuresInARow++;
    }

    /** Several records alone in a row failed and nothing was taken: performance-service fails on everything, not on them. */
    boolean failingThroughout() {
        return !anyTaken && failuresInARow >= FAILURES_BEFORE_WAITING;
    }

    void postpone(List<PendingStore.Pending> rows) {
        int attempts = 0;
        for (PendingStore.Pending p : rows) {
            postponed.add(p.id());
            attempts = Math.max(attempts, p.attempts());
        }
        Duration d = backoff(retryMin, retryMax, attempts);
        if (d.compareTo(delay) > 0) {
            delay = d;
        }
    }

    /** retryMin doubled per earlier attempt, at most retryMax. */
    static Duration backoff(Duration retryMin, Duration retryMax, int earlier) {
        Duration d = retryMin.multipliedBy(1L << Math.min(20, Math.max(0, earlier)));
        return d.compareTo(retryMax) <= 0 ? d : retryMax;
    }
}
