package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portfolio.edfi.domain.CategoryMapping;
import org.portfolio.edfi.domain.DescriptorKind;
import org.portfolio.edfi.domain.Descriptor;
import org.portfolio.edfi.domain.DescriptorMapping;
import org.portfolio.edfi.domain.MappingSnapshot;
import org.portfolio.edfi.domain.SchoolMapping;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The district's mappings: Ed-Fi schools → our schools, attendance event categories → absence and weight. */
@ApplicationScoped
public class MappingStore {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    @Inject
    Sql sql;

    public Map<Long, UUID> schools() {
        return sql.work(c -> {
            Map<Long, UUID> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("select edfi_school_id, school_id from edfi_school_map");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getObject(2, UUID.class));
                }
            }
            return out;
        });
    }

    public List<SchoolMapping> schoolRows() {
        return sql.work(c -> {
            List<SchoolMapping> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select edfi_school_id, school_id, changed_by, changed_at from edfi_school_map order by 1");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new SchoolMapping(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return out;
        });
    }

    public void putSchool(long edfiSchoolId, UUID schoolId, String by) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into edfi_school_map (edfi_school_id, school_id, changed_by, changed_at) "
                    + "values (?, ?, ?, ?) on conflict (edfi_school_id) do update set school_id = excluded.school_id, "
                    + "changed_by = excluded.changed_by, changed_at = excluded.changed_at")) {
                st.setLong(1, edfiSchoolId);
                st.setObject(2, schoolId);
                st.setString(3, by);
                st.setTimestamp(4, Timestamp.from(clock.instant()));
                st.executeUpdate();
            }
            return null;
        });
    }

    public List<CategoryMapping> categories() {
        return sql.work(c -> {
            List<CategoryMapping> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select namespace, code_value, absence, weight, changed_by, changed_at "
                    + "from edfi_attendance_category order by 1, 2");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new CategoryMapping(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBigDecimal(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        });
    }

    /** Replaces the categories of one namespace. */
    public void replaceCategories(String namespace, List<CategoryMapping> rows, String by) {
        sql.work(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from edfi_attendance_category where namespace = ?")) {
                del.setString(1, namespace);
                del.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("insert into edfi_attendance_category (namespace, code_value, absence, "
                    + "weight, changed_by, changed_at) values (?, ?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(rows.isEmpty() || rows.get(0).changedAt() == null ? clock.instant() : rows.get(0).changedAt());
                for (CategoryMapping r : rows) {
                    st.setString(1, namespace);
                    st.setString(2, r.codeValue());
                    st.setBoolean(3, r.absence());
                    st.setBigDecimal(4, r.weight());
                    st.setString(5, by);
                    st.setTimestamp(6, now);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** The descriptor mappings of a kind (every kind when null), by kind, namespace and code value. */
    public List<DescriptorMapping> descriptors(DescriptorKind kind) {
        return sql.work(c -> {
            List<DescriptorMapping> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select kind, namespace, code_value, value, changed_by, changed_at "
                    + "from edfi_descriptor_map where ?::text is null or kind = ?::text order by 1, 2, 3")) {
                st.setString(1, kind == null ? null : kind.name());
                st.setString(2, kind == null ? null : kind.name());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DescriptorMapping(DescriptorKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces the mappings of one kind and namespace. */
    public void replaceDescriptors(DescriptorKind kind, String namespace, List<DescriptorMapping> rows) {
        sql.work(c -> {
            try (PreparedStatement del = c.prepareStatement("delete from edfi_descriptor_map where kind = ? and namespace = ?")) {
                del.setString(1, kind.name());
                del.setString(2, namespace);
                del.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("insert into edfi_descriptor_map (kind, namespace, code_value, value, "
                    + "changed_by, changed_at) values (?, ?, ?, ?, ?, ?)")) {
                for (DescriptorMapping r : rows) {
                    st.setString(1, kind.name());
                    st.setString(2, namespace);
                    st.setString(3, r.codeValue());
                    st.setString(4, r.value());
                    st.setString(5, r.changedBy());
                    st.setTimestamp(6, Timestamp.from(r.changedAt()));
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** Takes the mapping lock: mapping edits and the writes that read the mappings do not interleave. */
    public void lockCategories(boolean exclusive) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement(exclusive ? "select pg_advisory_xact_lock(?, 0)" : "select pg_advisory_xact_lock_shared(?, 0)")) {
                st.setInt(1, Sql.SCHOOL_LOCK + 1);
                st.executeQuery().close();
            }
            return null;
        });
    }

    /** The mapping lock's key (class, object) for pg_advisory_xact_lock. */
    static final String MAPPING_LOCK = (Sql.SCHOOL_LOCK + 1) + ", 0";

    /** The mappings' version now (V7: bumped by every change of a mapping table, in its transaction). */
    public long version() {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select version from edfi_mapping_version");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Takes the mapping lock shared, then reads the mappings' version: two statements in one round trip — the version
     * is read by a statement that starts after the lock is held, so its snapshot sees every mapping change that
     * committed before (READ COMMITTED takes a statement's snapshot when it starts).
     */
    public long lockSharedAndVersion() {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select pg_advisory_xact_lock_shared(" + MAPPING_LOCK + "); "
                    + "select version from edfi_mapping_version")) {
                st.execute();
                if (!st.getMoreResults()) {
                    throw new IllegalStateException("no mapping version");
                }
                try (ResultSet rs = st.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Every mapping a write checks and their version, read by one statement (one committed state). */
    public MappingSnapshot snapshot() {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select v.version, "
                    + "array(select edfi_school_id::text || ' ' || school_id::text from edfi_school_map), "
                    + "array(select namespace || '#' || code_value from edfi_attendance_category), "
                    + "array(select kind || ' ' || namespace || '#' || code_value from edfi_descriptor_map) "
                    + "from edfi_mapping_version v");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                Map<Long, UUID> schools = new java.util.HashMap<>();
                for (String s : (String[]) rs.getArray(2).getArray()) {
                    int sp = s.indexOf(' ');
                    schools.put(Long.parseLong(s.substring(0, sp)), UUID.fromString(s.substring(sp + 1)));
                }
                Set<Descriptor> categories = new HashSet<>();
                for (String s : (String[]) rs.getArray(3).getArray()) {
                    categories.add(split(s));
                }
                Map<DescriptorKind, Set<Descriptor>> descriptors = new EnumMap<>(DescriptorKind.class);
                for (String s : (String[]) rs.getArray(4).getArray()) {
                    int sp = s.indexOf(' ');
                    descriptors.computeIfAbsent(DescriptorKind.valueOf(s.substring(0, sp)), k -> new HashSet<>()).add(split(s.substring(sp + 1)));
                }
                descriptors.replaceAll((k, v) -> Set.copyOf(v));
                return new MappingSnapshot(rs.getLong(1), schools, categories, descriptors);
            }
        });
    }

    /** namespace#codeValue as stored (split at the first #: a namespace has none). */
    private static Descriptor split(String uri) {
        int hash = uri.indexOf('#');
        return new Descriptor(uri.substring(0, hash), uri.substring(hash + 1));
    }
}
