package org.portfolio.enrollment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every stored match of a period (table match_run), discarded or not. Called with the period row locked. */
@ApplicationScoped
public class MatchRunRepository {

    /** One run: its number, when, how many, the digest of its offers, and when it was discarded (null if kept). */
    public record Run(int run, Instant matchedAt, int applicants, int matched, String resultsSha256, Instant discardedAt) {
    }

    @Inject
    MatchStore store;

    /** Records a stored match; returns its run number (1, 2, …). A rerun on a MATCHED period supersedes the last run. */
    public int record(UUID periodId, Instant at, int applicants, int matched, String sha256) {
        List<Object[]> last = store.query("select coalesce(max(run), 0) from match_run where period_id = ?", periodId);
        int run = ((Number) last.get(0)[0]).intValue() + 1;
        // a rerun without a discard replaces the stored results: the run it replaces counts as discarded
        store.execute("update match_run set discarded_at = ? where period_id = ? and discarded_at is null",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), periodId);
        store.execute("insert into match_run (period_id, run, matched_at, applicants, matched, results_sha256) values (?, ?, ?, ?, ?, ?)",
                periodId, run, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), applicants, matched, sha256);
        return run;
    }

    public void discardLatest(UUID periodId, Instant at) {
        store.execute("update match_run set discarded_at = ? where period_id = ? and discarded_at is null",
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), periodId);
    }

    public int count(UUID periodId) {
        return ((Number) store.query("select count(*) from match_run where period_id = ?", periodId).get(0)[0]).intValue();
    }

    public boolean anyRun(UUID periodId) {
        return !store.query("select 1 from match_run where period_id = ? limit 1", periodId).isEmpty();
    }

    public List<Run> list(UUID periodId) {
        List<Run> out = new ArrayList<>();
        for (Object[] r : store.query("""
                select run, matched_at, applicants, matched, results_sha256, discarded_at from match_run
                where period_id = ? order by run""", periodId)) {
            out.add(new Run(((Number) r[0]).intValue(), instant(r[1]), ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                    (String) r[4], instant(r[5])));
        }
        return out;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) v;
    }
}
