package org.portfolio.integration.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.integration.domain.AttemptResult;
import org.portfolio.integration.domain.AttemptRow;
import org.portfolio.integration.domain.Claimed;
import org.portfolio.integration.domain.DeliveryRow;
import org.portfolio.integration.domain.FeedRow;
import org.portfolio.integration.domain.FeedWindow;
import org.portfolio.integration.domain.Audience;
import org.portfolio.integration.domain.ReadRights;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** The feed table: appends in commit order, reads a window after a cursor filtered by the reader's rights. */
@ApplicationScoped
public class FeedRepository {

    private static final String COLUMNS = "seq, event_id, type, source, subject, occurred_at, data, audience, school_ids, owner_client";

    @Inject
    Sql sql;

    /** Takes the feed lock (in the caller's transaction) that every append takes. */
    public void lock() {
        sql.work(c -> {
            Sql.lockFeed(c);
            return null;
        });
    }

    /**
     * Appends an event (in the caller's transaction) and returns its seq; empty when the event is already there.
     * Takes the feed lock first, so that seq order is commit order.
     */
    public OptionalLong append(String eventId, String type, String source, String subject, Instant time, String data,
                               Audience audience, Set<UUID> schools, String ownerClient) {
        return sql.work(c -> {
            Sql.lockFeed(c);
            try (PreparedStatement st = c.prepareStatement("insert into feed_event (event_id, type, source, subject, "
                    + "occurred_at, data, audience, school_ids, owner_client) values (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "on conflict (source, event_id) do nothing returning seq")) {
                st.setString(1, eventId);
                st.setString(2, type);
                st.setString(3, source);
                st.setString(4, subject);
                st.setTimestamp(5, Sql.ts(time));
                st.setString(6, data);
                st.setString(7, audience.name());
                st.setArray(8, Sql.uuids(c, schools));
                st.setString(9, ownerClient);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /**
     * The rows after {@code after} of these types (all when empty) and school (any when null) that the reader may
     * see, at most {@code limit}, among the next {@code window} rows of the feed whatever the filters.
     *
     * <p>One statement, so one snapshot: the page and the cursor it returns come from the same view of the table
     * (two statements under READ COMMITTED let an event that committed in between move the cursor past it unseen).
     * When the page is not full the cursor moves to the end of the window, which depends on no filter and no right:
     * moved to the last row matching the caller's own filters, it told a caller which events it may not read exist.
     */
    public FeedWindow read(long after, Set<String> types, UUID school, ReadRights rights, int limit, int window) {
        return read(after, types, school, rights, limit, window, Integer.MAX_VALUE);
    }

    /**
     * As {@link #read(long, Set, UUID, ReadRights, int, int)}, with at most {@code maxBytes} of event data (as stored)
     * in the page, and at least one event: the rows past it are not even sent by the database, and {@code next} stops
     * before them.
     */
    public FeedWindow read(long after, Set<String> types, UUID school, ReadRights rights, int limit, int window,
                           int maxBytes) {
        return sql.work(c -> {
            StringBuilder filter = new StringBuilder(VISIBLE);
            if (!types.isEmpty()) {
                filter.append(" and type = any(?::varchar[])");
            }
            if (school != null) {
                filter.append(" and ?::uuid = any(school_ids)");
            }
            String statement = "with w as materialized (select seq, type, audience, school_ids, owner_client from feed_event "
                    + "where seq > ? order by seq limit ?), "
                    + "s as (select count(*) as scanned, max(seq) as top from w), "
                    + "p as (select seq from w where " + filter + " order by seq limit ?), "
                    + "r as (select e.seq as rseq, sum(octet_length(e.data)) over (order by e.seq) - octet_length(e.data) "
                    + "as before from p join feed_event e on e.seq = p.seq) "
                    + "select s.scanned, s.top, (select count(*) from p) as matched, " + qualified("f")
                    + " from s left join (r join feed_event f on f.seq = r.rseq and r.before < ?) on true order by f.seq";
            List<FeedRow> rows = new ArrayList<>();
            int scanned = 0;
            int matched = 0;
            long top = after;
            try (PreparedStatement st = c.prepareStatement(statement)) {
                int i = 1;
                st.setLong(i++, after);
                st.setInt(i++, window);
                i = bindRights(c, st, i, rights);
                if (!types.isEmpty()) {
                    st.setArray(i++, Sql.texts(c, types));
                }
                if (school != null) {
                    st.setObject(i++, school);
                }
                st.setInt(i++, limit);
                st.setLong(i, maxBytes);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        scanned = rs.getInt("scanned");
                        matched = rs.getInt("matched");
                        long max = rs.getLong("top");
                        top = rs.wasNull() ? after : max;
                        rs.getLong("seq");
                        if (!rs.wasNull()) {
                            rows.add(row(rs));
                        }
                    }
                }
            }
            if (rows.size() == limit || (!rows.isEmpty() && rows.size() < matched)) {
                // full, or cut by the byte budget: continue after the last row given
                return new FeedWindow(rows, rows.get(rows.size() - 1).seq(), true);
            }
            return new FeedWindow(rows, top, scanned == window);
        });
    }

    private static String qualified(String alias) {
        StringBuilder out = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            out.append(out.length() == 0 ? "" : ", ").append(alias).append('.').append(column);
        }
        return out.toString();
    }

    /**
     * Rows after a cursor of these types, oldest first, without their data (a replay queues references to them, up
     * to 10,000 a call; rights are checked by the caller).
     */
    public List<FeedRow> after(long after, Set<String> types, int limit) {
        return sql.work(c -> {
            List<FeedRow> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS.replace("data", "null::text as data") + " from feed_event where seq > ? "
                    + "and type = any(?::varchar[]) order by seq limit ?")) {
                st.setLong(1, after);
                st.setArray(2, Sql.texts(c, types));
                st.setInt(3, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    /** The stored size of each event's data (octets), by seq: what reading it costs, read without reading it. */
    public java.util.Map<Long, Long> dataSizes(java.util.Collection<Long> seqs) {
        return sql.work(c -> {
            java.util.Map<Long, Long> out = new java.util.HashMap<>();
            try (PreparedStatement st = c.prepareStatement("select seq, octet_length(data) from feed_event "
                    + "where seq = any(?::bigint[])")) {
                st.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    public List<FeedRow> bySeq(java.util.Collection<Long> seqs) {
        return sql.work(c -> {
            List<FeedRow> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from feed_event where seq = any(?::bigint[])")) {
                st.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return rows;
        });
    }

    /**
     * Deletes events stored before {@code before} (their deliveries go with them) and raises the purge mark to the
     * highest seq deleted; returns how many.
     */
    public int purge(Instant before) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("with gone as (delete from feed_event where stored_at < ? "
                    + "returning seq), mark as (update feed_purge_mark set purged_through = greatest(purged_through, "
                    + "(select max(seq) from gone)) where exists (select 1 from gone)) select count(*) from gone")) {
                st.setTimestamp(1, Sql.ts(before));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** The highest seq the purge deleted (0: none): a cursor below it may have missed purged events. */
    public long purgedThrough() {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select purged_through from feed_purge_mark where id = 1");
                 ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * The last seq the feed's sequence issued (0: none yet). A sequence that was never used, or set back with
     * {@code setval(…, n, false)} as pg_dump does for one, has {@code is_called} false: it issued nothing at or above its
     * {@code last_value} (1 on a fresh database). Sequences are not transactional: this is the value now, whatever the
     * transaction's snapshot, and it only grows, unless the database is restored from a backup or the feed is reset.
     */
    static final String LAST_ISSUED = "select case when is_called then last_value else last_value - 1 end from feed_event_seq_seq";

    /** The highest seq any row of the feed could have (issued, committed or not, kept or purged): see {@link #LAST_ISSUED}. */
    public long lastIssued() {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement(LAST_ISSUED); ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Who may see a row, in SQL: the same rule as {@link ReadRights#canRead}. */
    private static final String VISIBLE = "((audience = 'DIRECTORY' and ?) "
            + "or (audience = 'SCHOOL_RECORD' and (? or (? and cardinality(school_ids) > 0 and (? or school_ids <@ ?::uuid[])))) "
            + "or (audience = 'ENROLLMENT_COUNTS' and (? or (? and cardinality(school_ids) > 0 and (? or school_ids <@ ?::uuid[])))) "
            + "or (audience = 'ENROLLMENT_ROUND' and ?) "
            + "or (audience = 'SUBSCRIPTION' and (? or owner_client = ?)))";

    private static int bindRights(Connection c, PreparedStatement st, int i, ReadRights r) throws SQLException {
        boolean leader = r.readsOwnSchools();
        java.sql.Array own = Sql.uuids(c, r.schools());
        st.setBoolean(i++, r.districtWide(Audience.DIRECTORY));
        st.setBoolean(i++, r.districtWide(Audience.SCHOOL_RECORD));
        st.setBoolean(i++, leader);
        st.setBoolean(i++, r.allSchools());
        st.setArray(i++, own);
        st.setBoolean(i++, r.districtWide(Audience.ENROLLMENT_COUNTS));
        st.setBoolean(i++, leader);
        st.setBoolean(i++, r.allSchools());
        st.setArray(i++, own);
        st.setBoolean(i++, r.districtWide(Audience.ENROLLMENT_ROUND));
        st.setBoolean(i++, r.districtWide(Audience.SUBSCRIPTION));
        st.setString(i++, r.clientId());
        return i;
    }

    private static FeedRow row(ResultSet rs) throws SQLException {
        UUID[] schools = (UUID[]) rs.getArray("school_ids").getArray();
        return new FeedRow(rs.getLong("seq"), rs.getString("event_id"), rs.getString("type"), rs.getString("source"),
                rs.getString("subject"), Sql.instant(rs.getTimestamp("occurred_at")), rs.getString("data"),
                Audience.valueOf(rs.getString("audience")), new LinkedHashSet<>(Arrays.asList(schools)),
                rs.getString("owner_client"));
    }
}
