package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.edfi.domain.DerivationProblem;
import org.portfolio.edfi.domain.QueueStatus;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The derivation queue (edfi_derivation_pending) and the records performance-service rejected (edfi_derivation_problem),
 * on the connection of the current transaction. A write enqueues in its own transaction; the deriver claims rows with
 * {@code FOR UPDATE SKIP LOCKED} and takes a per-record advisory lock, so two instances never send one record at once.
 */
@ApplicationScoped
public class PendingStore {

    /** Advisory lock class of a record being derived and sent (the second key is the hash of kind and record key). */
    static final int RECORD_LOCK = Sql.SCHOOL_LOCK + 2;

    /** A claimed queue row. */
    public record Pending(long id, String kind, String recordKey, int attempts, String clientId, int failures) {
    }


    @Inject
    Sql sql;

    /**
     * Queues these records (kind, keys, and each record's Ed-Fi school, as many as keys) for derivation, in the caller's
     * transaction.
     */
    public void enqueue(String kind, List<String> recordKeys, List<Long> edfiSchools, String clientId) {
        if (recordKeys.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into edfi_derivation_pending (kind, record_key, client_id, edfi_school_id) "
                    + "select ?, k, ?, s from unnest(?::text[], ?::bigint[]) as u(k, s)")) {
                st.setString(1, kind);
                st.setString(2, clientId);
                st.setArray(3, c.createArrayOf("text", recordKeys.toArray()));
                st.setArray(4, c.createArrayOf("bigint", edfiSchools.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Claims up to {@code limit} due rows, oldest first, skipping the rows another deriver holds. */
    public List<Pending> claim(int limit) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select id, kind, record_key, attempts, client_id, failures from edfi_derivation_pending "
                    + "where next_attempt_at <= now() order by id limit ? for update skip locked")) {
                st.setInt(1, limit);
                return rows(st);
            }
        });
    }

    /**
     * Of these records ("kind|key"), those whose advisory lock this transaction got (held until it ends); another
     * deriver holding one keeps it, and its rows wait.
     */
    public Set<String> lockRecords(Collection<String> kindAndKeys) {
        return sql.work(c -> {
            Set<String> out = new HashSet<>();
            try (PreparedStatement st = c.prepareStatement("select k from unnest(?::text[]) k "
                    + "where pg_try_advisory_xact_lock(?, hashtext(k))")) {
                st.setArray(1, c.createArrayOf("text", kindAndKeys.toArray()));
                st.setInt(2, RECORD_LOCK);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The other queued rows of records this transaction has locked (written before this moment, so the derivation that
     * follows covers them): claimed too, whether due or not, so that one derivation settles them all.
     */
    public List<Pending> claimAlso(String kind, Collection<String> recordKeys, Collection<Long> claimed) {
        if (recordKeys.isEmpty()) {
            return List.of();
        }
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select id, kind, record_key, attempts, client_id, failures from edfi_derivation_pending "
                    + "where kind = ? and record_key = any(?::text[]) and not (id = any(?::bigint[])) for update skip locked")) {
                st.setString(1, kind);
                st.setArray(2, c.createArrayOf("text", recordKeys.toArray()));
                st.setArray(3, c.createArrayOf("bigint", claimed.toArray()));
                return rows(st);
            }
        });
    }

    /** The due rows of one record, skipping rows another deriver holds (a pass over a single record). */
    public List<Pending> claimRecord(String kind, String recordKey) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select id, kind, record_key, attempts, client_id, failures from edfi_derivation_pending "
                    + "where kind = ? and record_key = ? and next_attempt_at <= now() order by id for update skip locked")) {
                st.setString(1, kind);
                st.setString(2, recordKey);
                return rows(st);
            }
        });
    }

    /** Every queued row of one record (its advisory lock held by this transaction). */
    public List<Pending> rowsOf(String kind, String recordKey) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select id, kind, record_key, attempts, client_id, failures from edfi_derivation_pending "
                    + "where kind = ? and record_key = ? order by id for update")) {
                st.setString(1, kind);
                st.setString(2, recordKey);
                return rows(st);
            }
        });
    }

    /** These rows' record could not be derived: one failure more, retried {@code delay} from now. */
    public void failedLater(Collection<Long> ids, Duration delay) {
        if (ids.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("update edfi_derivation_pending set failures = failures + 1, "
                    + "next_attempt_at = now() + ? * interval '1 millisecond' where id = any(?::bigint[])")) {
                st.setLong(1, delay.toMillis());
                st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }

    public void delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from edfi_derivation_pending where id = any(?::bigint[])")) {
                st.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Leaves these rows for a later attempt, {@code delay} from now, counting the attempt. */
    public void retryLater(Collection<Long> ids, Duration delay) {
        if (ids.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("update edfi_derivation_pending set attempts = attempts + 1, "
                    + "next_attempt_at = now() + ? * interval '1 millisecond' where id = any(?::bigint[])")) {
                st.setLong(1, delay.toMillis());
                st.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }

    /** The queue and the problems; of these Ed-Fi schools only when {@code schools} is not null. */
    public QueueStatus status(Collection<Long> schools) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select count(*), count(*) filter (where next_attempt_at <= now()), "
                    + "min(queued_at), (select count(*) from edfi_derivation_problem where ?::bigint[] is null or edfi_school_id = any(?::bigint[])) "
                    + "from edfi_derivation_pending where ?::bigint[] is null or edfi_school_id = any(?::bigint[])")) {
                Array a = schools == null ? null : c.createArrayOf("bigint", schools.toArray());
                for (int i = 1; i <= 4; i++) {
                    st.setArray(i, a);
                }
                ResultSet rs = st.executeQuery();
                rs.next();
                Timestamp oldest = rs.getTimestamp(3);
                return new QueueStatus(rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant(), rs.getLong(4));
            }
        });
    }

    public void putProblem(DerivationProblem p) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into edfi_derivation_problem (kind, record_key, edfi_school_id, "
                    + "client_id, status, field, message, occurred_at, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (kind, record_key) "
                    + "do update set edfi_school_id = excluded.edfi_school_id, client_id = excluded.client_id, status = excluded.status, "
                    + "field = excluded.field, message = excluded.message, occurred_at = excluded.occurred_at, reason = excluded.reason")) {
                st.setString(1, p.kind());
                st.setString(2, p.recordKey());
                st.setObject(3, p.edfiSchoolId(), Types.BIGINT);
                st.setString(4, p.clientId());
                st.setInt(5, p.status());
                st.setString(6, p.field());
                st.setString(7, p.message());
                st.setTimestamp(8, Timestamp.from(p.occurredAt()));
                st.setString(9, p.reason());
                st.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets the problems of these records (sent since). */
    public void clearProblems(String kind, Collection<String> recordKeys) {
        if (recordKeys.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from edfi_derivation_problem where kind = ? and record_key = any(?::text[])")) {
                st.setString(1, kind);
                st.setArray(2, c.createArrayOf("text", recordKeys.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }

    /** The problems, newest first; of these Ed-Fi schools only when {@code schools} is not null. */
    public List<DerivationProblem> problems(Collection<Long> schools, int offset, int limit) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select kind, record_key, edfi_school_id, client_id, status, field, message, "
                    + "occurred_at, reason from edfi_derivation_problem where (?::bigint[] is null or edfi_school_id = any(?::bigint[])) "
                    + "order by occurred_at desc, kind, record_key offset ? limit ?")) {
                Array a = schools == null ? null : c.createArrayOf("bigint", schools.toArray());
                st.setArray(1, a);
                st.setArray(2, a);
                st.setInt(3, offset);
                st.setInt(4, limit);
                List<DerivationProblem> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long school = rs.getLong(3);
                        out.add(new DerivationProblem(rs.getString(1), rs.getString(2), rs.wasNull() ? null : school, rs.getString(4),
                                rs.getInt(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9)));
                    }
                }
                return out;
            }
        });
    }

    private static List<Pending> rows(PreparedStatement st) throws java.sql.SQLException {
        List<Pending> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getInt(6)));
            }
        }
        return out;
    }
}
