package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.portfolio.edfi.domain.CategoryMapping;
import org.portfolio.edfi.domain.DescriptorKind;
import org.portfolio.edfi.domain.DescriptorMapping;
import org.portfolio.edfi.domain.SchoolMapping;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The district's mappings: Ed-Fi schools → our schools, attendance event categories → absence and weight. */
@ApplicationScoped
public class MappingStore {

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
                st.setTimestamp(4, Timestamp.from(Instant.now()));
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
                Timestamp now = Timestamp.from(rows.isEmpty() || rows.get(0).changedAt() == null ? Instant.now() : rows.get(0).changedAt());
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
}
