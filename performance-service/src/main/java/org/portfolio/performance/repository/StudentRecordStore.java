package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.AssessmentRecord;
import org.portfolio.performance.domain.AttendanceRecord;
import org.portfolio.performance.domain.MergeCount;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.StudentAggregates;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Set-based SQL over the student-level tables: merging a staged upload (one upsert on the natural key, last row
 * wins within an upload, unchanged rows untouched) and aggregating students into per-school histograms. Runs in
 * the caller's transaction (the JTA-enlisted connection).
 */
@ApplicationScoped
public class StudentRecordStore {

    @Inject
    AgroalDataSource ds;

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    /**
     * Merges the staged assessment rows: the last row per natural key wins; rows identical to what is stored are
     * left alone (no write at all, so a re-post is read-only); new keys are inserted and changed ones updated.
     * The caller holds the advisory locks of every staged school-year, so no other writer races on these keys.
     */
    public List<MergeCount> mergeAssessments(Connection c, Collection<SchoolYearKey> staged, UUID jobId, Instant now)
            throws SQLException {
        String sql = """
                with src as materialized (
                    select distinct on (school_id, school_year, subject, student_id, test_code)
                           school_id, school_year, subject, student_id, test_code, grade_level, performance_level,
                           scale_score, growth_percentile, participation
                    from stage_assessment
                    order by school_id, school_year, subject, student_id, test_code, row_no desc),
                chg as materialized (
                    select s.*, t.school_id is null as is_new
                    from src s
                    left join assessment_result t
                           on t.school_id = any(?::uuid[]) and t.school_id = s.school_id
                          and t.school_year = s.school_year and t.subject = s.subject
                          and t.student_id = s.student_id and t.test_code = s.test_code
                    where t.school_id is null
                       or (t.grade_level, t.performance_level, t.scale_score, t.growth_percentile, t.participation)
                          is distinct from (s.grade_level, s.performance_level, s.scale_score, s.growth_percentile,
                                            s.participation)),
                ins as (
                    insert into assessment_result (school_id, school_year, subject, student_id, test_code, grade_level,
                           performance_level, scale_score, growth_percentile, participation, job_id, updated_at)
                    select school_id, school_year, subject, student_id, test_code, grade_level, performance_level,
                           scale_score, growth_percentile, participation, ?, ? from chg where is_new),
                upd as (
                    update assessment_result t
                       set grade_level = c.grade_level, performance_level = c.performance_level,
                           scale_score = c.scale_score, growth_percentile = c.growth_percentile,
                           participation = c.participation, job_id = ?, updated_at = ?
                      from chg c
                     where not c.is_new and t.school_id = c.school_id and t.school_year = c.school_year
                       and t.subject = c.subject and t.student_id = c.student_id and t.test_code = c.test_code)
                select s.school_id, s.school_year, s.cnt, coalesce(c.ins, 0), coalesce(c.upd, 0)
                from (select school_id, school_year, count(*) cnt from src group by 1, 2) s
                left join (select school_id, school_year, count(*) filter (where is_new) ins,
                                  count(*) filter (where not is_new) upd from chg group by 1, 2) c
                       using (school_id, school_year)
                """;
        return merge(c, sql, staged, jobId, now);
    }

    /** Merges the staged attendance rows, as {@link #mergeAssessments} does. */
    public List<MergeCount> mergeAttendance(Connection c, Collection<SchoolYearKey> staged, UUID jobId, Instant now)
            throws SQLException {
        String sql = """
                with src as materialized (
                    select distinct on (school_id, school_year, student_id)
                           school_id, school_year, student_id, grade_level, days_enrolled, days_absent,
                           in_fall_count, exited_before_testing
                    from stage_attendance
                    order by school_id, school_year, student_id, row_no desc),
                chg as materialized (
                    select s.*, t.school_id is null as is_new
                    from src s
                    left join attendance_record t
                           on t.school_id = any(?::uuid[]) and t.school_id = s.school_id
                          and t.school_year = s.school_year and t.student_id = s.student_id
                    where t.school_id is null
                       or (t.grade_level, t.days_enrolled, t.days_absent, t.in_fall_count, t.exited_before_testing)
                          is distinct from (s.grade_level, s.days_enrolled, s.days_absent, s.in_fall_count,
                                            s.exited_before_testing)),
                ins as (
                    insert into attendance_record (school_id, school_year, student_id, grade_level, days_enrolled,
                           days_absent, in_fall_count, exited_before_testing, job_id, updated_at)
                    select school_id, school_year, student_id, grade_level, days_enrolled, days_absent, in_fall_count,
                           exited_before_testing, ?, ?
                    from chg where is_new),
                upd as (
                    update attendance_record t
                       set grade_level = c.grade_level, days_enrolled = c.days_enrolled, days_absent = c.days_absent,
                           in_fall_count = c.in_fall_count, exited_before_testing = c.exited_before_testing,
                           job_id = ?, updated_at = ?
                      from chg c
                     where not c.is_new and t.school_id = c.school_id and t.school_year = c.school_year
                       and t.student_id = c.student_id)
                select s.school_id, s.school_year, s.cnt, coalesce(c.ins, 0), coalesce(c.upd, 0)
                from (select school_id, school_year, count(*) cnt from src group by 1, 2) s
                left join (select school_id, school_year, count(*) filter (where is_new) ins,
                                  count(*) filter (where not is_new) upd from chg group by 1, 2) c
                       using (school_id, school_year)
                """;
        return merge(c, sql, staged, jobId, now);
    }

    private List<MergeCount> merge(Connection c, String sql, Collection<SchoolYearKey> staged, UUID jobId, Instant now)
            throws SQLException {
        List<MergeCount> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", staged.stream().map(SchoolYearKey::schoolId).distinct().toArray()));
            s.setObject(2, jobId);
            s.setTimestamp(3, Timestamp.from(now));
            s.setObject(4, jobId);
            s.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MergeCount(new SchoolYearKey(rs.getObject(1, UUID.class), SchoolYear.of(rs.getInt(2))),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /**
     * Per school and year: students per subject and best performance level, and per subject and best growth
     * percentile, of the {@code subjects} only (those some metric reads: the students' sets of subjects stay subsets
     * of them, so their number is bounded by the catalog, not by what a file names).
     */
    public void aggregateAssessments(Connection c, Collection<SchoolYearKey> keys, Collection<String> subjects,
                                     StudentAggregates.ByKey into) throws SQLException {
        if (keys.isEmpty() || subjects.isEmpty()) {
            return;
        }
        String sql = """
                with aff as (select * from unnest(?::uuid[], ?::smallint[]) as a(school_id, school_year)),
                best as materialized (
                    select r.school_id, r.school_year, r.subject, r.student_id, max(r.performance_level) lvl,
                           max(r.growth_percentile) sgp
                    from assessment_result r join aff on aff.school_id = r.school_id and aff.school_year = r.school_year
                    where r.performance_level is not null -- tested (a row of a student not tested has no level)
                      and r.subject = any(?::text[])
                    group by r.school_id, r.school_year, r.subject, r.student_id)
                select school_id, school_year, subject, 'L', lvl, count(*) from best
                 group by school_id, school_year, subject, lvl
                union all
                select school_id, school_year, subject, 'G', sgp, count(*) from best where sgp is not null
                 group by school_id, school_year, subject, sgp
                union all
                select school_id, school_year, subjects, 'S', 0, count(*) from (
                    select school_id, school_year, string_agg(subject, ',' order by subject) subjects
                    from best group by school_id, school_year, student_id) t
                 group by school_id, school_year, subjects
                union all
                select school_id, school_year, subjects, 'T', 0, count(*) from (
                    select school_id, school_year, string_agg(subject, ',' order by subject) subjects
                    from best where sgp is not null group by school_id, school_year, student_id) t
                 group by school_id, school_year, subjects
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindKeys(c, s, keys);
            s.setArray(3, c.createArrayOf("text", subjects.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    SchoolYearKey k = new SchoolYearKey(rs.getObject(1, UUID.class), SchoolYear.of(rs.getInt(2)));
                    StudentAggregates a = into.get(k);
                    switch (rs.getString(4)) {
                        case "L" -> a.addLevel(rs.getString(3), rs.getInt(5), rs.getLong(6));
                        case "G" -> a.addGrowth(rs.getString(3), rs.getInt(5), rs.getLong(6));
                        case "S" -> a.addTestedIn(rs.getString(3), rs.getLong(6));
                        default -> a.addGrowthIn(rs.getString(3), rs.getLong(6));
                    }
                }
            }
        }
    }

    /** Per school and year: students enrolled at least 10 days, and those among them absent 10% or more of them. */
    public void aggregateAttendance(Connection c, Collection<SchoolYearKey> keys, StudentAggregates.ByKey into)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        String sql = """
                with aff as (select * from unnest(?::uuid[], ?::smallint[]) as a(school_id, school_year))
                select r.school_id, r.school_year,
                       count(*) filter (where r.days_enrolled >= 10),
                       count(*) filter (where r.days_enrolled >= 10 and r.days_absent * 10 >= r.days_enrolled)
                from attendance_record r join aff on aff.school_id = r.school_id and aff.school_year = r.school_year
                group by r.school_id, r.school_year
                """;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bindKeys(c, s, keys);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    SchoolYearKey k = new SchoolYearKey(rs.getObject(1, UUID.class), SchoolYear.of(rs.getInt(2)));
                    into.get(k).setAttendance(rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }

    /** Every school with student records in the year. */
    public List<UUID> schoolsWithRecords(Connection c, String schoolYear) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select school_id from assessment_result where school_year = ?
                union select school_id from attendance_record where school_year = ?""")) {
            s.setInt(1, SchoolYear.startYear(schoolYear));
            s.setInt(2, SchoolYear.startYear(schoolYear));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /** Takes the transaction-scoped advisory lock of each key, in key order (so concurrent lockers never deadlock). */
    public void lock(Connection c, Collection<SchoolYearKey> keys) throws SQLException {
        long[] sorted = keys.stream().mapToLong(SchoolYearKey::lockKey).distinct().sorted().toArray();
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
            for (long k : sorted) {
                s.setLong(1, k);
                s.execute();
            }
        }
    }

    private static void bindKeys(Connection c, PreparedStatement s, Collection<SchoolYearKey> keys) throws SQLException {
        Object[] ids = new Object[keys.size()];
        Object[] years = new Object[keys.size()];
        int i = 0;
        for (SchoolYearKey k : keys) {
            ids[i] = k.schoolId();
            years[i] = (short) SchoolYear.startYear(k.schoolYear());
            i++;
        }
        Array a1 = c.createArrayOf("uuid", ids);
        Array a2 = c.createArrayOf("int2", years);
        s.setArray(1, a1);
        s.setArray(2, a2);
    }

    // --- reads of student-level records (personal data: DISTRICT_ADMIN and the owning SIS only) -------------------

    public long countAssessments(UUID school, String year, String studentId, String subject) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from assessment_result where school_id = ? "
                     + "and school_year = ? and (?::text is null or student_id = ?) and (?::text is null or subject = ?)")) {
            bind(s, school, year, studentId, subject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<AssessmentRecord> assessments(UUID school, String year, String studentId, String subject, int page, int size)
            throws SQLException {
        List<AssessmentRecord> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select student_id, subject, test_code, grade_level, "
                     + "performance_level, scale_score, growth_percentile, job_id, updated_at, participation from assessment_result "
                     + "where school_id = ? and school_year = ? and (?::text is null or student_id = ?) "
                     + "and (?::text is null or subject = ?) order by subject, student_id, test_code limit ? offset ?")) {
            bind(s, school, year, studentId, subject);
            s.setInt(7, size);
            s.setLong(8, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AssessmentRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5) == null ? null : rs.getInt(5), (Integer) rs.getObject(6),
                            rs.getObject(7) == null ? null : rs.getInt(7),
                            rs.getObject(8, UUID.class), rs.getTimestamp(9).toInstant(), rs.getString(10)));
                }
            }
        }
        return out;
    }

    public long countAttendance(UUID school, String year, String studentId) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from attendance_record where school_id = ? "
                     + "and school_year = ? and (?::text is null or student_id = ?)")) {
            s.setObject(1, school);
            s.setInt(2, SchoolYear.startYear(year));
            s.setString(3, studentId);
            s.setString(4, studentId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public List<AttendanceRecord> attendance(UUID school, String year, String studentId, int page, int size)
            throws SQLException {
        List<AttendanceRecord> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select student_id, grade_level, days_enrolled, days_absent, "
                     + "job_id, updated_at, in_fall_count, exited_before_testing from attendance_record where school_id = ? and school_year = ? "
                     + "and (?::text is null or student_id = ?) order by student_id limit ? offset ?")) {
            s.setObject(1, school);
            s.setInt(2, SchoolYear.startYear(year));
            s.setString(3, studentId);
            s.setString(4, studentId);
            s.setInt(5, size);
            s.setLong(6, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AttendanceRecord(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                            rs.getBigDecimal(4), rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant(),
                            (Boolean) rs.getObject(7), (Boolean) rs.getObject(8)));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement s, UUID school, String year, String studentId, String subject)
            throws SQLException {
        s.setObject(1, school);
        s.setInt(2, SchoolYear.startYear(year));
        s.setString(3, studentId);
        s.setString(4, studentId);
        s.setString(5, subject);
        s.setString(6, subject);
    }

}
