package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.RowError;

import java.util.ArrayList;
import java.util.List;

/**
 * The row errors of one upload, bounded: the first {@code limit} are kept (stored with the job, the first of them in
 * the answer), every one is counted. Memory stays the same whatever the upload holds.
 */
public final class RowErrors {

    private final int limit;
    private final List<RowError> kept = new ArrayList<>();
    private long total;

    public RowErrors(int limit) {
        this.limit = Math.max(0, limit);
    }

    public void addAll(List<RowError> errors) {
        for (RowError e : errors) {
            total++;
            if (kept.size() < limit) {
                kept.add(e);
            }
        }
    }

    /** The first errors, at most the limit. */
    public List<RowError> kept() {
        return kept;
    }

    /** The first {@code n} errors (a copy). */
    public List<RowError> first(int n) {
        return List.copyOf(kept.subList(0, Math.min(n, kept.size())));
    }

    /** Every error, kept or not. */
    public long total() {
        return total;
    }
}
