package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricChange;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.SchoolYearKey;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** School metric values (current, one per school + metric + year) and their change history. */
@ApplicationScoped
public class MetricValueStore {

    private static final String COLUMNS = "school_id, school_year, metric_code, value, n, suppressed, source, result_id, updated_at";

    @Inject
    AgroalDataSource ds;

    /** A staged school-level value (last row per natural key wins within an upload). */
    public record StagedValue(UUID schoolId, String schoolYear, String metricCode, BigDecimal value, Integer n) {
    }

    public List<StagedValue> stagedSchoolMetrics(Connection c) throws SQLException {
        List<StagedValue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select distinct on (school_id, school_year, metric_code) school_id, school_year, metric_code, value, n
                from stage_school_metric order by school_id, school_year, metric_code, row_no desc""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new StagedValue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), (Integer) rs.getObject(5)));
            }
        }
        return out;
    }

    public List<MetricSnapshot> current(Collection<SchoolYearKey> keys) throws SQLException {
        List<MetricSnapshot> out = new ArrayList<>();
        if (keys.isEmpty()) {
            return out;
        }
        Object[] ids = keys.stream().map(SchoolYearKey::schoolId).toArray();
        Object[] years = keys.stream().map(SchoolYearKey::schoolYear).toArray();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from school_metric_value v "
                     + "join unnest(?::uuid[], ?::varchar[]) as k(school_id, school_year) using (school_id, school_year)")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("varchar", years));
            read(s, out);
        }
        return out;
    }

    /**
     * When each metric of these school-years was last recorded in the history ({@code school|year|metric} → time),
     * withdrawals included: a value that comes after a withdrawal has no current row to be later than.
     */
    public java.util.Map<String, java.time.Instant> lastRecorded(Collection<SchoolYearKey> keys) throws SQLException {
        java.util.Map<String, java.time.Instant> out = new java.util.HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        Object[] ids = keys.stream().map(SchoolYearKey::schoolId).toArray();
        Object[] years = keys.stream().map(SchoolYearKey::schoolYear).toArray();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select r.school_id, r.school_year, r.metric_code, max(r.recorded_at) "
                     + "from metric_result r join unnest(?::uuid[], ?::varchar[]) as k(school_id, school_year) "
                     + "using (school_id, school_year) group by r.school_id, r.school_year, r.metric_code")) {
            s.setArray(1, c.createArrayOf("uuid", ids));
            s.setArray(2, c.createArrayOf("varchar", years));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class) + "|" + rs.getString(2) + "|" + rs.getString(3),
                            rs.getTimestamp(4).toInstant());
                }
            }
        }
        return out;
    }

    public List<MetricSnapshot> forSchool(UUID schoolId) throws SQLException {
        List<MetricSnapshot> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from school_metric_value "
                     + "where school_id = ? order by school_year, metric_code")) {
            s.setObject(1, schoolId);
            read(s, out);
        }
        return out;
    }

    public List<MetricSnapshot> forYear(String schoolYear) throws SQLException {
        List<MetricSnapshot> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from school_metric_value "
                     + "where school_year = ? order by school_id, metric_code")) {
            s.setString(1, schoolYear);
            read(s, out);
        }
        return out;
    }

    /** One page of school ids and how many there are in all. */
    public record SchoolPage(List<UUID> ids, long total) {
    }

    /**
     * One page of the schools with a value or a current rating in the year, sorted by school name (a school this
     * service has no registry entry for sorts as "~"), then id; {@code scope} null = every school. The page is cut
     * in SQL, so a page of a large district reads the page's schools, not the whole year.
     */
    public SchoolPage schoolsOfYear(String schoolYear, java.util.Set<UUID> scope, long offset, int limit) throws SQLException {
        String sql = """
                with y as (
                    select school_id from school_metric_value where school_year = ?
                    union
                    select school_id from school_rating where school_year = ? and current)
                select y.school_id, count(*) over () from y left join school s on s.id = y.school_id
                """ + (scope == null ? "" : "where y.school_id = any(?) ") + """
                order by coalesce(s.name, '~') collate "C", y.school_id offset ? limit ?""";
        List<UUID> ids = new ArrayList<>();
        long total = -1;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, schoolYear);
            s.setString(i++, schoolYear);
            if (scope != null) {
                s.setArray(i++, c.createArrayOf("uuid", scope.toArray()));
            }
            s.setLong(i++, offset);
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    total = rs.getLong(2);
                }
            }
            if (total < 0) {
                // a page past the end: no row carries the count
                try (PreparedStatement n = c.prepareStatement("""
                        select count(*) from (select school_id from school_metric_value where school_year = ?
                            union select school_id from school_rating where school_year = ? and current) y
                        """ + (scope == null ? "" : "where y.school_id = any(?)"))) {
                    n.setString(1, schoolYear);
                    n.setString(2, schoolYear);
                    if (scope != null) {
                        n.setArray(3, c.createArrayOf("uuid", scope.toArray()));
                    }
                    try (ResultSet rs = n.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
        }
        return new SchoolPage(ids, total);
    }

    /** The school years after this one that have values, in order ("2027-28" sorts after "2026-27"). */
    public List<String> yearsAfter(String schoolYear) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select distinct school_year from school_metric_value where school_year > ? order by school_year")) {
            s.setString(1, schoolYear);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    public List<UUID> schoolsWithValues(String schoolYear) throws SQLException {
        List<UUID> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select distinct school_id from school_metric_value where school_year = ?")) {
            s.setString(1, schoolYear);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return out;
    }

    /** Writes new current values and one history row each. */
    public void record(List<Recorded> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection();
             PreparedStatement up = c.prepareStatement("insert into school_metric_value (" + COLUMNS + ") "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (school_id, school_year, metric_code) do update "
                     + "set value = excluded.value, n = excluded.n, suppressed = excluded.suppressed, "
                     + "source = excluded.source, result_id = excluded.result_id, updated_at = excluded.updated_at");
             PreparedStatement hist = c.prepareStatement("insert into metric_result (id, school_id, school_year, "
                     + "metric_code, value, n, suppressed, previous_value, source, job_id, event_id, recorded_at, correction_id, "
                     + "withdrawn) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement gone = c.prepareStatement("delete from school_metric_value where school_id = ? "
                     + "and school_year = ? and metric_code = ?")) {
            boolean anyUp = false;
            boolean anyGone = false;
            for (Recorded r : changes) {
                MetricSnapshot v = r.value();
                if (r.withdrawn()) {
                    gone.setObject(1, v.schoolId());
                    gone.setString(2, v.schoolYear());
                    gone.setString(3, v.metricCode());
                    gone.addBatch();
                    anyGone = true;
                } else {
                up.setObject(1, v.schoolId());
                up.setString(2, v.schoolYear());
                up.setString(3, v.metricCode());
                up.setBigDecimal(4, v.value());
                up.setObject(5, v.n(), java.sql.Types.INTEGER);
                up.setBoolean(6, v.suppressed());
                up.setString(7, v.source().name());
                up.setObject(8, v.resultId());
                up.setTimestamp(9, Timestamp.from(v.updatedAt()));
                up.addBatch();
                anyUp = true;
                }
                hist.setObject(1, v.resultId());
                hist.setObject(2, v.schoolId());
                hist.setString(3, v.schoolYear());
                hist.setString(4, v.metricCode());
                hist.setBigDecimal(5, v.value());
                hist.setObject(6, v.n(), java.sql.Types.INTEGER);
                hist.setBoolean(7, v.suppressed());
                hist.setBigDecimal(8, r.previousValue());
                hist.setString(9, v.source().name());
                hist.setObject(10, r.jobId());
                hist.setObject(11, r.eventId());
                hist.setTimestamp(12, Timestamp.from(v.updatedAt()));
                hist.setObject(13, r.correctionId());
                hist.setBoolean(14, r.withdrawn());
                hist.addBatch();
            }
            if (anyUp) {
                up.executeBatch();
            }
            if (anyGone) {
                gone.executeBatch();
            }
            hist.executeBatch();
        }
    }

    /**
     * A change to record: the new value, what it replaced, the upload or correction behind it, and its event; a
     * withdrawn value (its last records retracted) leaves the current values and is a history row without value.
     */
    public record Recorded(MetricSnapshot value, BigDecimal previousValue, UUID jobId, UUID eventId, UUID correctionId,
                           boolean withdrawn) {
        public Recorded(MetricSnapshot value, BigDecimal previousValue, UUID jobId, UUID eventId) {
            this(value, previousValue, jobId, eventId, null, false);
        }
    }

    /** The change history of one school metric, oldest first. */
    public List<MetricChange> history(UUID schoolId, String metricCode) throws SQLException {
        List<MetricChange> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select id, school_year, metric_code, value, n, suppressed, "
                     + "previous_value, source, recorded_at, correction_id, withdrawn from metric_result where school_id = ? and metric_code = ? "
                     + "order by recorded_at, id")) {
            s.setObject(1, schoolId);
            s.setString(2, metricCode);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricChange(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            Decimals.clean(rs.getBigDecimal(4)), (Integer) rs.getObject(5), rs.getBoolean(6),
                            Decimals.clean(rs.getBigDecimal(7)),
                            MetricSource.valueOf(rs.getString(8)), rs.getTimestamp(9).toInstant(),
                            rs.getObject(10, UUID.class), rs.getBoolean(11)));
                }
            }
        }
        return out;
    }

    private static void read(PreparedStatement s, List<MetricSnapshot> out) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new MetricSnapshot(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getBigDecimal(4), (Integer) rs.getObject(5), rs.getBoolean(6),
                        MetricSource.valueOf(rs.getString(7)), rs.getObject(8, UUID.class),
                        rs.getTimestamp(9).toInstant()));
            }
        }
    }
}
