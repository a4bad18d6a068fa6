package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The edfi_resource table. Filters of lists are jsonb containment ({@code body @> filter}). */
@ApplicationScoped
public class ResourceStore {

    private static final String COLUMNS = "id, natural_key, school_id, school_year, student_unique_id, body::text, etag, last_modified";

    @Inject
    Sql sql;

    /** Serialises the writes of one Ed-Fi school (in the caller's transaction). */
    public void lockSchool(long schoolId) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?::text))")) {
                st.setInt(1, Sql.SCHOOL_LOCK);
                st.setString(2, Long.toString(schoolId));
                st.executeQuery().close();
            }
            return null;
        });
    }

    /** Takes the school's lock shared (writes that touch only their own record: attendance events). */
    public void lockSchoolShared(long schoolId) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock_shared(?, hashtext(?::text))")) {
                st.setInt(1, Sql.SCHOOL_LOCK);
                st.setString(2, Long.toString(schoolId));
                st.executeQuery().close();
            }
            return null;
        });
    }

    /** Serialises the writes of one natural key (two first posts of the same key: one inserts, the other updates). */
    public void lockKey(String resource, String naturalKey) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                st.setInt(1, Sql.SCHOOL_LOCK + 3);
                st.setString(2, resource + "|" + naturalKey);
                st.executeQuery().close();
            }
            return null;
        });
    }

    /** What {@link #lockEvent} read once the locks were held: the mappings' version and the stored resource of the key. */
    public record LockedKey(long mappingVersion, Optional<StoredResource> existing) {
    }

    /**
     * An attendance event's locks and reads in one round trip: the mapping lock and the school's lock shared, the natural
     * key's lock (one statement: the locks are taken left to right, in the order every other write takes them), then —
     * a second statement, whose snapshot is taken once the locks are held (READ COMMITTED) — the mappings' version and
     * the stored resource of the key.
     */
    public LockedKey lockEvent(long schoolId, String resource, String naturalKey) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock_shared(" + MappingStore.MAPPING_LOCK + "), "
                    + "pg_advisory_xact_lock_shared(" + Sql.SCHOOL_LOCK + ", hashtext(?::text)), "
                    + "pg_advisory_xact_lock(" + (Sql.SCHOOL_LOCK + 3) + ", hashtext(?)); "
                    + "select " + COLUMNS + ", v.version from edfi_mapping_version v "
                    + "left join edfi_resource on resource = ? and natural_key = ?")) {
                st.setString(1, Long.toString(schoolId));
                st.setString(2, resource + "|" + naturalKey);
                st.setString(3, resource);
                st.setString(4, naturalKey);
                st.execute();
                if (!st.getMoreResults()) {
                    throw new IllegalStateException("no mapping version");
                }
                try (ResultSet rs = st.getResultSet()) {
                    rs.next();
                    Optional<StoredResource> existing = rs.getObject(1) == null ? Optional.empty() : Optional.of(row(rs));
                    return new LockedKey(rs.getLong(9), existing);
                }
            }
        });
    }

    public Optional<StoredResource> byKey(String resource, String naturalKey) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? and natural_key = ?")) {
                st.setString(1, resource);
                st.setString(2, naturalKey);
                return one(st);
            }
        });
    }

    public Optional<StoredResource> byId(String resource, UUID id) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? and id = ?")) {
                st.setString(1, resource);
                st.setObject(2, id);
                return one(st);
            }
        });
    }

    /** The client that created the resource (null: not recorded — stored before V6 and not an assessment). */
    public Optional<String> createdBy(UUID id) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select created_by from edfi_resource where id = ?")) {
                st.setObject(1, id);
                try (var rs = st.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Whether the resource's last change was a district-wide writer's (docs/security.md T27; false for rows stored before
     * V9 and not changed by such a writer since).
     */
    public boolean districtWideWriter(UUID id) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select district_wide_writer from edfi_resource where id = ?")) {
                st.setObject(1, id);
                try (var rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * A district-wide writer re-posted the resource unchanged: it now vouches for it as stored (the flag set, the writer
     * recorded; the document, its version and date stay).
     */
    public void vouchedByDistrictWideWriter(UUID id, String changedBy) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("update edfi_resource set district_wide_writer = true, changed_by = ? where id = ?")) {
                st.setString(1, changedBy);
                st.setObject(2, id);
                st.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A derivation-pending row queued by the statement that stores a resource (issue 17: one statement, one round trip
     * less on the attendance write): the record's kind, key and Ed-Fi school, as {@link PendingStore#enqueue} writes them.
     */
    public record QueueRow(String kind, String recordKey, long edfiSchoolId) {
    }

    /** The queue row's insert, as the second part of a statement whose first part stores the resource (a CTE). */
    private static final String QUEUE_ROW = " insert into edfi_derivation_pending (kind, record_key, client_id, edfi_school_id) values (?, ?, ?, ?)";

    public void insert(String resource, StoredResource r, String changedBy, boolean districtWideWriter) {
        insert(resource, r, changedBy, districtWideWriter, null);
    }

    /**
     * Stores a new resource and, when {@code queue} is given, its derivation-pending row in the same statement.
     * {@code districtWideWriter}: whether its writer acts for every school (docs/security.md T27: only such a writer's
     * enrollments place a school-less result).
     */
    public void insert(String resource, StoredResource r, String changedBy, boolean districtWideWriter, QueueRow queue) {
        String insert = "insert into edfi_resource (id, resource, natural_key, school_id, "
                + "school_year, student_unique_id, body, etag, last_modified, changed_by, created_by, district_wide_writer) "
                + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)";
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement(queue == null ? insert : "with stored as (" + insert + ")" + QUEUE_ROW)) {
                st.setObject(1, r.id());
                st.setString(2, resource);
                st.setString(3, r.naturalKey());
                st.setObject(4, r.schoolId(), Types.BIGINT);
                setInt(st, 5, r.schoolYear());
                st.setString(6, r.studentUniqueId());
                st.setString(7, r.body());
                st.setString(8, r.etag());
                st.setTimestamp(9, Timestamp.from(r.lastModified()));
                st.setString(10, changedBy);
                st.setString(11, changedBy);
                st.setBoolean(12, districtWideWriter);
                if (queue != null) {
                    setQueueRow(st, 13, queue, changedBy);
                }
                st.executeUpdate();
            }
            return null;
        });
    }

    /** A new version of the document, with the columns copied out of it that are not part of its natural key (a student assessment's school and year). */
    public void update(UUID id, String body, String etag, Instant lastModified, String changedBy, boolean districtWideWriter,
                       Long schoolId, Integer schoolYear) {
        update(id, body, etag, lastModified, changedBy, districtWideWriter, schoolId, schoolYear, null);
    }

    /**
     * {@link #update}, and when {@code queue} is given its derivation-pending row in the same statement.
     * {@code districtWideWriter}: whether this writer acts for every school (the flag follows the last change).
     */
    public void update(UUID id, String body, String etag, Instant lastModified, String changedBy, boolean districtWideWriter,
                       Long schoolId, Integer schoolYear, QueueRow queue) {
        String update = "update edfi_resource set body = ?::jsonb, etag = ?, last_modified = ?, "
                + "changed_by = ?, school_id = ?, school_year = ?, district_wide_writer = ? where id = ?";
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement(queue == null ? update : "with stored as (" + update + ")" + QUEUE_ROW)) {
                st.setString(1, body);
                st.setString(2, etag);
                st.setTimestamp(3, Timestamp.from(lastModified));
                st.setString(4, changedBy);
                st.setObject(5, schoolId, Types.BIGINT);
                setInt(st, 6, schoolYear);
                st.setBoolean(7, districtWideWriter);
                st.setObject(8, id);
                if (queue != null) {
                    setQueueRow(st, 9, queue, changedBy);
                }
                st.executeUpdate();
            }
            return null;
        });
    }

    private static void setQueueRow(PreparedStatement st, int from, QueueRow q, String clientId) throws SQLException {
        st.setString(from, q.kind());
        st.setString(from + 1, q.recordKey());
        st.setString(from + 2, clientId);
        st.setLong(from + 3, q.edfiSchoolId());
    }

    public boolean delete(UUID id) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from edfi_resource where id = ?")) {
                st.setObject(1, id);
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Every later statement of the caller's transaction is cancelled past this (SET LOCAL statement_timeout). */
    public void limitStatements(java.time.Duration timeout) {
        sql.work(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("set local statement_timeout = " + Math.max(1, timeout.toMillis()));
            }
            return null;
        });
    }

    /**
     * A page of a resource's rows containing {@code filter} (a JSON object), in insertion order of ids; only of these
     * Ed-Fi schools when {@code schools} is not null (and rows of no school when {@code schoolless}).
     */
    public List<StoredResource> list(String resource, String filter, Collection<Long> schools, boolean schoolless, int offset, int limit) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and body @> ?::jsonb and (?::bigint[] is null or school_id = any(?::bigint[]) or (? and school_id is null)) "
                    + "order by school_id nulls first, natural_key offset ? limit ?")) {
                st.setString(1, resource);
                st.setString(2, filter);
                java.sql.Array a = schools == null ? null : c.createArrayOf("bigint", schools.toArray());
                st.setArray(3, a);
                st.setArray(4, a);
                st.setBoolean(5, schoolless);
                st.setInt(6, offset);
                st.setInt(7, limit);
                List<StoredResource> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    public long count(String resource, String filter, Collection<Long> schools, boolean schoolless) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select count(*) from edfi_resource where resource = ? "
                    + "and body @> ?::jsonb and (?::bigint[] is null or school_id = any(?::bigint[]) or (? and school_id is null))")) {
                st.setString(1, resource);
                st.setString(2, filter);
                java.sql.Array a = schools == null ? null : c.createArrayOf("bigint", schools.toArray());
                st.setArray(3, a);
                st.setArray(4, a);
                st.setBoolean(5, schoolless);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Rows of a resource of one school, optionally one school year and one student. */
    public List<StoredResource> of(String resource, long schoolId, Integer schoolYear, String student) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and school_id = ? and (?::int is null or school_year = ?::int) and (?::text is null or student_unique_id = ?::text)")) {
                st.setString(1, resource);
                st.setLong(2, schoolId);
                setInt(st, 3, schoolYear);
                setInt(st, 4, schoolYear);
                st.setString(5, student);
                st.setString(6, student);
                List<StoredResource> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** An enrollment's dates as stored (text; null when not given), of one school and student. */
    public record EnrollmentDates(long schoolId, String student, String entryDate, String exitWithdrawDate) {
    }

    /**
     * The enrollment dates of these (school, student) pairs (equal lengths; each pair once), every year: one statement
     * for a whole derivation pass instead of one per record, reading the two fields instead of the documents.
     */
    public List<EnrollmentDates> enrollmentDates(String resource, List<Long> schools, List<String> students) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select r.school_id, r.student_unique_id, r.body->>'entryDate', "
                    + "r.body->>'exitWithdrawDate' from unnest(?::bigint[], ?::text[]) as k(school, student) "
                    + "join edfi_resource r on r.resource = ? and r.school_id = k.school and r.student_unique_id = k.student")) {
                st.setArray(1, c.createArrayOf("bigint", schools.toArray()));
                st.setArray(2, c.createArrayOf("text", students.toArray()));
                st.setString(3, resource);
                List<EnrollmentDates> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EnrollmentDates(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * An attendance event's fields the derivation reads, as stored: the date and category (text) and the duration (the
     * number's text; null when not given or not a number).
     */
    public record EventFields(long schoolId, int schoolYear, String student, String eventDate, String category, String duration) {
    }

    /**
     * The attendance events of these (school, school year, student) triples (equal lengths; each triple once): one
     * statement for a whole derivation pass, reading three fields instead of the documents.
     */
    public List<EventFields> eventFields(String resource, List<Long> schools, List<Integer> years, List<String> students) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select r.school_id, r.school_year, r.student_unique_id, "
                    + "r.body->>'eventDate', r.body->>'attendanceEventCategoryDescriptor', "
                    + "case when jsonb_typeof(r.body->'eventDuration') = 'number' then r.body->>'eventDuration' end "
                    + "from unnest(?::bigint[], ?::int[], ?::text[]) as k(school, year, student) "
                    + "join edfi_resource r on r.resource = ? and r.school_id = k.school and r.school_year = k.year "
                    + "and r.student_unique_id = k.student")) {
                st.setArray(1, c.createArrayOf("bigint", schools.toArray()));
                st.setArray(2, c.createArrayOf("integer", years.toArray()));
                st.setArray(3, c.createArrayOf("text", students.toArray()));
                st.setString(4, resource);
                List<EventFields> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EventFields(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6)));
                    }
                }
                return out;
            }
        });
    }

    /** How many resources of a kind a school has in a school year. */
    public long countOfSchoolYear(String resource, long schoolId, int schoolYear) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select count(*) from edfi_resource where resource = ? "
                    + "and school_id = ? and school_year = ?")) {
                st.setString(1, resource);
                st.setLong(2, schoolId);
                st.setInt(3, schoolYear);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The school years with sessions at a school. */
    public List<Integer> sessionYears(String sessions, long schoolId) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select distinct school_year from edfi_resource where resource = ? "
                    + "and school_id = ? and school_year is not null order by 1")) {
                st.setString(1, sessions);
                st.setLong(2, schoolId);
                List<Integer> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                }
                return out;
            }
        });
    }

    /** The students of a resource at a school (any year). */
    public List<String> students(String resource, long schoolId) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select distinct student_unique_id from edfi_resource where resource = ? "
                    + "and school_id = ? and student_unique_id is not null order by 1")) {
                st.setString(1, resource);
                st.setLong(2, schoolId);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** (school, year, student) of the attendance events whose category is in one of these namespaces. */
    public List<Object[]> eventKeysOfNamespace(String resource, String namespace) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select distinct school_id, school_year, student_unique_id from edfi_resource "
                    + "where resource = ? and starts_with(body->>'attendanceEventCategoryDescriptor', ?)")) {
                st.setString(1, resource);
                st.setString(2, namespace + "#");
                List<Object[]> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[]{rs.getLong(1), rs.getInt(2), rs.getString(3)});
                    }
                }
                return out;
            }
        });
    }

    /** How many attendance events use each category of a namespace. */
    public List<String> categoriesInUse(String resource, String namespace) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select distinct body->>'attendanceEventCategoryDescriptor' from edfi_resource "
                    + "where resource = ? and starts_with(body->>'attendanceEventCategoryDescriptor', ?) order by 1")) {
                st.setString(1, resource);
                st.setString(2, namespace + "#");
                List<String> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private static Optional<StoredResource> one(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    /**
     * Rows of a resource of one student, at every school, whose last change was a district-wide writer's: the
     * enrollments that may place a result of no school (docs/security.md T27).
     */
    public List<StoredResource> ofStudentByDistrictWideWriters(String resource, String student) {
        return ofStudent(resource, student, " and district_wide_writer");
    }

    /** Rows of a resource containing {@code filter} (a JSON object), optionally of one school year; every school. */
    public List<StoredResource> matching(String resource, String filter, Integer schoolYear) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and body @> ?::jsonb and (?::int is null or school_year = ?::int) order by natural_key")) {
                st.setString(1, resource);
                st.setString(2, filter);
                setInt(st, 3, schoolYear);
                setInt(st, 4, schoolYear);
                return all(st);
            }
        });
    }

    /**
     * The distinct schools (null: a row of no school) of the rows of a resource whose body contains {@code filter}:
     * what an assessment's change would touch, without reading every result's document.
     */
    public List<Long> schoolsMatching(String resource, String filter) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select distinct school_id from edfi_resource where resource = ? "
                    + "and body @> ?::jsonb")) {
                st.setString(1, resource);
                st.setString(2, filter);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        long v = rs.getLong(1);
                        out.add(rs.wasNull() ? null : v);
                    }
                }
                return out;
            }
        });
    }

    /** Rows of a resource of one student, at every school. */
    public List<StoredResource> ofStudent(String resource, String student) {
        return ofStudent(resource, student, "");
    }

    private List<StoredResource> ofStudent(String resource, String student, String andWhere) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and student_unique_id = ?" + andWhere)) {
                st.setString(1, resource);
                st.setString(2, student);
                return all(st);
            }
        });
    }

    /**
     * Rows of a resource with a string at this JSON path (jsonpath, e.g. $.scoreResults[*].x) that starts with
     * {@code prefix}, one page: at most {@code limit} rows after the natural key {@code after} (null:
     * from the first), in natural-key order. A caller that reads every match reads it page by page, so the documents of
     * a district (a million results of one performance-level namespace) are never in the heap at once (hostile read of
     * the twenty-second pass, H2: a mapping change loaded them all).
     */
    public List<StoredResource> withValueStartingAfter(String resource, String jsonPath, String prefix, String after, int limit) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and natural_key > ? "
                    + "and jsonb_path_exists(body, (? || ' ? (@ starts with $p)')::jsonpath, jsonb_build_object('p', ?::text)) "
                    + "order by natural_key limit ?")) {
                // "" before every key: one plan for the first page and the next (an "is null or" kept a generic plan
                // off the (resource, natural_key) index; hostile read of the pass, M4)
                st.setString(1, resource);
                st.setString(2, after == null ? "" : after);
                st.setString(3, jsonPath);
                st.setString(4, prefix);
                st.setInt(5, limit);
                return all(st);
            }
        });
    }

    /** As {@link #matching}, one page: at most {@code limit} rows after the natural key {@code after} (null: from the first). */
    public List<StoredResource> matchingAfter(String resource, String filter, String after, int limit) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from edfi_resource where resource = ? "
                    + "and body @> ?::jsonb and natural_key > ? order by natural_key limit ?")) {
                st.setString(1, resource);
                st.setString(2, filter);
                st.setString(3, after == null ? "" : after);
                st.setInt(4, limit);
                return all(st);
            }
        });
    }

    /** The distinct strings at a JSON path of a resource's rows, with how many rows hold each. */
    public java.util.Map<String, Long> valuesAt(String resource, String jsonPath) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select v, count(*) from (select distinct id, jsonb_path_query(body, ?::jsonpath) #>> '{}' v "
                    + "from edfi_resource where resource = ?) x where v is not null group by v order by v")) {
                st.setString(1, jsonPath);
                st.setString(2, resource);
                java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    private static List<StoredResource> all(PreparedStatement st) throws SQLException {
        List<StoredResource> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static StoredResource row(ResultSet rs) throws SQLException {
        int year = rs.getInt(4);
        Integer schoolYear = rs.wasNull() ? null : year;
        long school = rs.getLong(3);
        Long schoolId = rs.wasNull() ? null : school;
        return new StoredResource(rs.getObject(1, UUID.class), rs.getString(2), schoolId, schoolYear, rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
    }

    private static void setInt(PreparedStatement st, int i, Integer v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.INTEGER);
        } else {
            st.setInt(i, v);
        }
    }
}
