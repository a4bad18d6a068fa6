package org.portfolio.performance.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.CorrectionAction;
import org.portfolio.performance.domain.CorrectionItem;
import org.portfolio.performance.domain.CorrectionKind;
import org.portfolio.performance.domain.CorrectionReasonCode;
import org.portfolio.performance.domain.CorrectionOutcome;
import org.portfolio.performance.domain.RecordCorrection;
import org.portfolio.performance.domain.RecordPurge;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.StudentRecordKey;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Corrections of student records by natural key (in the caller's transaction, under the school-years' advisory
 * locks), their audit, and the purges (retention, erasure) with theirs. Personal data: what this store reads is
 * answered only to DISTRICT_ADMIN and to an SIS for its schools, and never logged.
 */
@ApplicationScoped
public class CorrectionStore {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource ds;

    @Inject
    ObjectMapper mapper;

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    // --- the records --------------------------------------------------------------------------------------------

    /** In {@link #lock}'s values: the participation of an assessment record that says the student was not tested. */
    public static final String NOT_TESTED_KEY = "participation";

    /** The stored values of the record (locked for the rest of the transaction), or empty when there is none. */
    public Optional<Map<String, Object>> lock(Connection c, CorrectionKind kind, StudentRecordKey k) throws SQLException {
        String sql = kind == CorrectionKind.ASSESSMENT
                ? "select grade_level, performance_level, scale_score, growth_percentile, participation from assessment_result "
                  + "where school_id = ? and school_year = ? and student_id = ? and subject = ? and test_code = ? for update"
                : "select grade_level, days_enrolled, days_absent from attendance_record "
                  + "where school_id = ? and school_year = ? and student_id = ? for update";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindKey(s, kind, k);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> v = new LinkedHashMap<>();
                put(v, "gradeLevel", rs.getString(1));
                if (kind == CorrectionKind.ASSESSMENT) {
                    put(v, "performanceLevel", rs.getObject(2) == null ? null : rs.getInt(2));
                    put(v, "scaleScore", rs.getObject(3) == null ? null : rs.getInt(3));
                    put(v, "growthPercentile", rs.getObject(4) == null ? null : rs.getInt(4));
                    String participation = rs.getString(5);
                    if (participation != null && !participation.equals("TESTED")) {
                        // a record of a student not tested has no result (CorrectionService refuses to give it one)
                        v.put(NOT_TESTED_KEY, participation);
                    }
                } else {
                    put(v, "daysEnrolled", plain(rs.getBigDecimal(2)));
                    put(v, "daysAbsent", plain(rs.getBigDecimal(3)));
                }
                return Optional.of(v);
            }
        }
    }

    /** Replaces the record's values (the keys of {@code values} as {@link #lock} reads them). */
    public void update(Connection c, CorrectionKind kind, StudentRecordKey k, Map<String, Object> values,
                       UUID correctionId, Instant now) throws SQLException {
        String sql = kind == CorrectionKind.ASSESSMENT
                ? "update assessment_result set grade_level = ?, performance_level = ?, scale_score = ?, "
                  + "growth_percentile = ?, correction_id = ?, updated_at = ? "
                  + "where school_id = ? and school_year = ? and student_id = ? and subject = ? and test_code = ?"
                : "update attendance_record set grade_level = ?, days_enrolled = ?, days_absent = ?, correction_id = ?, "
                  + "updated_at = ? where school_id = ? and school_year = ? and student_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, (String) values.get("gradeLevel"));
            if (kind == CorrectionKind.ASSESSMENT) {
                s.setObject(i++, values.get("performanceLevel"), Types.SMALLINT);
                s.setObject(i++, values.get("scaleScore"), Types.INTEGER);
                s.setObject(i++, values.get("growthPercentile"), Types.SMALLINT);
            } else {
                s.setBigDecimal(i++, (BigDecimal) values.get("daysEnrolled"));
                s.setBigDecimal(i++, (BigDecimal) values.get("daysAbsent"));
            }
            s.setObject(i++, correctionId);
            s.setTimestamp(i++, Timestamp.from(now));
            bindKey(s, kind, k, i);
            s.executeUpdate();
        }
    }

    public void delete(Connection c, CorrectionKind kind, StudentRecordKey k) throws SQLException {
        String sql = kind == CorrectionKind.ASSESSMENT
                ? "delete from assessment_result where school_id = ? and school_year = ? and student_id = ? "
                  + "and subject = ? and test_code = ?"
                : "delete from attendance_record where school_id = ? and school_year = ? and student_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindKey(s, kind, k);
            s.executeUpdate();
        }
    }

    private static void bindKey(PreparedStatement s, CorrectionKind kind, StudentRecordKey k) throws SQLException {
        bindKey(s, kind, k, 1);
    }

    private static void bindKey(PreparedStatement s, CorrectionKind kind, StudentRecordKey k, int i) throws SQLException {
        s.setObject(i++, k.schoolId());
        s.setInt(i++, SchoolYear.startYear(k.schoolYear()));
        s.setString(i++, k.studentId());
        if (kind == CorrectionKind.ASSESSMENT) {
            s.setString(i++, k.subject());
            s.setString(i, k.testCode());
        }
    }

    // --- the audit ----------------------------------------------------------------------------------------------

    public void insert(Connection c, RecordCorrection r, List<CorrectionItem> items) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into record_correction (id, kind, reason_code, note, "
                + "client_id, corrected_at, items, items_changed, items_retracted, items_unchanged, metrics_changed, "
                + "metrics_withdrawn, ratings_changed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, r.id());
            s.setString(2, r.kind().name());
            s.setString(3, r.reasonCode().name());
            s.setString(4, r.note());
            s.setString(5, r.clientId());
            s.setTimestamp(6, Timestamp.from(r.correctedAt()));
            s.setInt(7, r.items());
            s.setInt(8, r.itemsChanged());
            s.setInt(9, r.itemsRetracted());
            s.setInt(10, r.itemsUnchanged());
            s.setInt(11, r.metricsChanged());
            s.setInt(12, r.metricsWithdrawn());
            s.setInt(13, r.ratingsChanged());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into record_correction_item (correction_id, seq, "
                + "school_id, school_year, action, student_id, subject, test_code, before_values, after_values, outcome) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
            for (CorrectionItem i : items) {
                s.setObject(1, r.id());
                s.setInt(2, i.seq());
                s.setObject(3, i.schoolId());
                s.setInt(4, SchoolYear.startYear(i.schoolYear()));
                s.setString(5, i.action().name());
                s.setString(6, i.studentId());
                s.setString(7, i.subject());
                s.setString(8, i.testCode());
                s.setString(9, json(i.before()));
                s.setString(10, json(i.after()));
                s.setString(11, i.outcome().name());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static final String CORRECTION_COLUMNS = "c.id, c.kind, c.reason_code, c.note, c.note_erased_at, c.client_id, "
            + "c.corrected_at, c.items, c.items_changed, c.items_retracted, c.items_unchanged, c.metrics_changed, "
            + "c.metrics_withdrawn, c.ratings_changed";

    /**
     * Corrections newest first: those with an item of {@code schoolId} (null: any), and of the schools in
     * {@code scope} (null: every school).
     */
    public List<RecordCorrection> list(UUID schoolId, Collection<UUID> scope, int page, int size) throws SQLException {
        List<RecordCorrection> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select " + CORRECTION_COLUMNS + " from record_correction c "
                     + "where " + filter() + " order by c.corrected_at desc, c.id limit ? offset ?")) {
            int i = bindFilter(c, s, schoolId, scope);
            s.setInt(i++, size);
            s.setLong(i, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(correction(rs));
                }
            }
        }
        return out;
    }

    public long count(UUID schoolId, Collection<UUID> scope) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from record_correction c where " + filter())) {
            bindFilter(c, s, schoolId, scope);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Unfiltered (the district admin, no school): every correction, also one whose items a retention purge deleted;
     * else those with an item of the school / of the caller's schools.
     */
    private static String filter() {
        return "((?::uuid is null and ?::uuid[] is null) or exists (select 1 from record_correction_item i where i.correction_id = c.id "
                + "and (?::uuid is null or i.school_id = ?) and (?::uuid[] is null or i.school_id = any(?))))";
    }

    private static int bindFilter(Connection c, PreparedStatement s, UUID schoolId, Collection<UUID> scope)
            throws SQLException {
        java.sql.Array a = scope == null ? null : c.createArrayOf("uuid", scope.toArray());
        s.setObject(1, schoolId);
        s.setArray(2, a);
        s.setObject(3, schoolId);
        s.setObject(4, schoolId);
        s.setArray(5, a);
        s.setArray(6, a);
        return 7;
    }

    public Optional<RecordCorrection> find(UUID id) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select " + CORRECTION_COLUMNS + " from record_correction c where c.id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(correction(rs)) : Optional.empty();
            }
        }
    }

    /** The items of a correction in the schools of {@code scope} (null: all), in order. */
    public List<CorrectionItem> items(UUID correctionId, Collection<UUID> scope) throws SQLException {
        List<CorrectionItem> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select seq, school_id, school_year, action, student_id, subject, "
                     + "test_code, before_values, after_values, outcome, erased_at from record_correction_item "
                     + "where correction_id = ? and (?::uuid[] is null or school_id = any(?)) order by seq")) {
            s.setObject(1, correctionId);
            java.sql.Array a = scope == null ? null : c.createArrayOf("uuid", scope.toArray());
            s.setArray(2, a);
            s.setArray(3, a);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Timestamp erased = rs.getTimestamp(11);
                    out.add(new CorrectionItem(rs.getInt(1), rs.getObject(2, UUID.class), SchoolYear.of(rs.getInt(3)),
                            CorrectionAction.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            rs.getString(7), map(rs.getString(8)), map(rs.getString(9)),
                            CorrectionOutcome.valueOf(rs.getString(10)), erased == null ? null : erased.toInstant()));
                }
            }
        }
        return out;
    }

    private static RecordCorrection correction(ResultSet rs) throws SQLException {
        Timestamp noteErased = rs.getTimestamp(5);
        return new RecordCorrection(rs.getObject(1, UUID.class), CorrectionKind.valueOf(rs.getString(2)),
                CorrectionReasonCode.valueOf(rs.getString(3)), rs.getString(4),
                noteErased == null ? null : noteErased.toInstant(), rs.getString(6), rs.getTimestamp(7).toInstant(),
                rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14));
    }

    // --- purges -------------------------------------------------------------------------------------------------

    /**
     * Deletes one student's records (every school, or one) and blanks them in the correction audit, and erases the
     * note of every correction with an item of theirs (free text that may name them); the counts (assessments,
     * attendance, audit items, notes).
     */
    public long[] erase(Connection c, String studentId, UUID schoolId, Instant now) throws SQLException {
        long[] out = new long[4];
        String where = " where student_id = ? and (?::uuid is null or school_id = ?)";
        // the records first: their deletes wait for a correction of them that is under way, so the statements after
        // see its audit (review of 2026-12-05: the notes were erased first and missed a correction committing meanwhile)
        String[] deletes = {"delete from assessment_result" + where, "delete from attendance_record" + where};
        for (int i = 0; i < 2; i++) {
            try (PreparedStatement s = c.prepareStatement(deletes[i])) {
                s.setString(1, studentId);
                s.setObject(2, schoolId);
                s.setObject(3, schoolId);
                out[i] = s.executeUpdate();
            }
        }
        // then the notes, while the items still name the student
        try (PreparedStatement s = c.prepareStatement("update record_correction set note = null, note_erased_at = ? "
                + "where note is not null and id in (select correction_id from record_correction_item "
                + "where student_id = ? and (?::uuid is null or school_id = ?))")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, studentId);
            s.setObject(3, schoolId);
            s.setObject(4, schoolId);
            out[3] = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("update record_correction_item set student_id = null, subject = null, "
                + "test_code = null, before_values = null, after_values = null, erased_at = ?" + where)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, studentId);
            s.setObject(3, schoolId);
            s.setObject(4, schoolId);
            out[2] = s.executeUpdate();
        }
        return out;
    }

    /**
     * Deletes the records of a kind of every school year up to {@code throughStartYear} (inclusive) and the audit
     * items of corrections of them, and erases the note of a correction of that kind left without items (its free
     * text is about records that are gone); the counts (records, audit items, notes).
     */
    public long[] purge(Connection c, CorrectionKind kind, int throughStartYear, Instant now) throws SQLException {
        String table = kind == CorrectionKind.ASSESSMENT ? "assessment_result" : "attendance_record";
        long[] out = new long[3];
        try (PreparedStatement s = c.prepareStatement("delete from " + table + " where school_year <= ?")) {
            s.setInt(1, throughStartYear);
            out[0] = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("delete from record_correction_item i using record_correction r "
                + "where r.id = i.correction_id and r.kind = ? and i.school_year <= ?")) {
            s.setString(1, kind.name());
            s.setInt(2, throughStartYear);
            out[1] = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("update record_correction r set note = null, note_erased_at = ? "
                + "where r.kind = ? and r.note is not null "
                + "and not exists (select 1 from record_correction_item i where i.correction_id = r.id)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, kind.name());
            out[2] = s.executeUpdate();
        }
        return out;
    }

    /** Only one purge at a time across replicas: false when another transaction holds it. */
    public boolean tryPurgeLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_xact_lock(7153001)");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public void insert(Connection c, RecordPurge p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into record_purge (id, kind, record_kind, through_year, "
                + "student_hash, school_id, reason, client_id, purged_at, assessments, attendance, correction_items, "
                + "correction_notes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, p.id());
            s.setString(2, p.kind().name());
            s.setString(3, p.recordKind() == null ? null : p.recordKind().name());
            s.setString(4, p.throughYear());
            s.setString(5, p.studentHash());
            s.setObject(6, p.schoolId());
            s.setString(7, p.reason());
            s.setString(8, p.clientId());
            s.setTimestamp(9, Timestamp.from(p.purgedAt()));
            s.setLong(10, p.assessments());
            s.setLong(11, p.attendance());
            s.setLong(12, p.correctionItems());
            s.setLong(13, p.correctionNotes());
            s.executeUpdate();
        }
    }

    public List<RecordPurge> purges(int page, int size) throws SQLException {
        List<RecordPurge> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select id, kind, record_kind, through_year, student_hash, "
                     + "school_id, reason, client_id, purged_at, assessments, attendance, correction_items, correction_notes "
                     + "from record_purge "
                     + "order by purged_at desc, id limit ? offset ?")) {
            s.setInt(1, size);
            s.setLong(2, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordPurge(rs.getObject(1, UUID.class), RecordPurge.PurgeKind.valueOf(rs.getString(2)),
                            rs.getString(3) == null ? null : CorrectionKind.valueOf(rs.getString(3)), rs.getString(4),
                            rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                            rs.getTimestamp(9).toInstant(), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                            rs.getLong(13)));
                }
            }
        }
        return out;
    }

    public long countPurges() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from record_purge");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private String json(Map<String, Object> m) {
        if (m == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> map(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
