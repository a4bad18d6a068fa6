package org.portfolio.edfi.service;

import org.portfolio.edfi.repository.PendingStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What becomes of the rows a pass claimed: settled (sent, or dropped as rejected) or postponed. */
final class SendOutcome {

    final List<Long> settled = new ArrayList<>();
    final List<Long> postponed = new ArrayList<>();
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

    /** The most attempts any of these rows has had (postponements so far). */
    static int attempts(List<PendingStore.Pending> rows) {
        return rows.stream().mapToInt(PendingStore.Pending::attempts).max().orElse(0);
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
