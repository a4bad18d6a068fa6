package org.portfolio.performance.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.IntegrityCheck;
import org.portfolio.performance.domain.IntegrityChecks;
import org.portfolio.performance.domain.IntegrityEvidence;
import org.portfolio.performance.domain.IntegrityFlag;
import org.portfolio.performance.domain.IntegrityFlagStatus;
import org.portfolio.performance.domain.IntegrityOutcome;
import org.portfolio.performance.domain.IntegrityResolutionCode;
import org.portfolio.performance.domain.IntegrityRule;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.SchoolYearKey;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The integrity checks' reads of the records (aggregate counts only: no student id leaves the database) and the
 * store of check outcomes and flags. Runs in the caller's transaction (the JTA-enlisted connection).
 */
@ApplicationScoped
public class IntegrityStore {

    @Inject
    AgroalDataSource ds;

    @Inject
    ObjectMapper mapper;

    /** Per school-year and subject: students by participation (each student once, see {@link IntegrityChecks.Participation}). */
    public Map<SchoolYearKey, List<IntegrityChecks.Participation>> participation(Collection<SchoolYearKey> keys)
            throws SQLException {
        Map<SchoolYearKey, List<IntegrityChecks.Participation>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = """
                with aff as (select * from unnest(?::uuid[], ?::smallint[]) as a(school_id, school_year)),
                st as (
                    select r.school_id, r.school_year, r.subject,
                           bool_or(r.performance_level is not null) tested,
                           bool_or(r.participation in ('EXEMPT', 'EXCLUDED')) excluded,
                           bool_or(r.participation is not null) stated
                    from assessment_result r join aff on aff.school_id = r.school_id and aff.school_year = r.school_year
                    group by r.school_id, r.school_year, r.subject, r.student_id)
                select school_id, school_year, subject, count(*),
                       count(*) filter (where tested),
                       count(*) filter (where not tested and not excluded),
                       count(*) filter (where not tested and excluded),
                       count(*) filter (where stated)
                from st group by school_id, school_year, subject order by subject
                """;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindKeys(c, s, keys);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    SchoolYearKey k = new SchoolYearKey(rs.getObject(1, UUID.class), SchoolYear.of(rs.getInt(2)));
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(new IntegrityChecks.Participation(rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return out;
    }

    /**
     * Per school-year: the students on its fall count, by whether they left before testing (null: not said) and by
     * their best performance level the year before (any subject, any school; null: none), as counts.
     */
    public record FallRow(Boolean exited, Integer priorLevel, long students) {
    }

    public Map<SchoolYearKey, List<FallRow>> fallCount(Collection<SchoolYearKey> keys) throws SQLException {
        Map<SchoolYearKey, List<FallRow>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = """
                with aff as (select * from unnest(?::uuid[], ?::smallint[]) as a(school_id, school_year)),
                fall as (
                    select a.school_id, a.school_year, a.student_id, a.exited_before_testing
                    from attendance_record a join aff on aff.school_id = a.school_id and aff.school_year = a.school_year
                    where a.in_fall_count)
                select f.school_id, f.school_year, f.exited_before_testing, p.lvl, count(*)
                from fall f
                left join lateral (select max(r.performance_level) lvl from assessment_result r
                                    where r.student_id = f.student_id and r.school_year = f.school_year - 1) p on true
                group by 1, 2, 3, 4
                """;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindKeys(c, s, keys);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    SchoolYearKey k = new SchoolYearKey(rs.getObject(1, UUID.class), SchoolYear.of(rs.getInt(2)));
                    out.computeIfAbsent(k, x -> new ArrayList<>()).add(new FallRow((Boolean) rs.getObject(3),
                            rs.getObject(4) == null ? null : rs.getInt(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /** Every school's current unsuppressed value of a metric in a year and the year before: [value, previous]. */
    public Map<UUID, BigDecimal[]> valuePairs(String schoolYear, String metricCode) throws SQLException {
        Map<UUID, BigDecimal[]> out = new HashMap<>();
        String sql = """
                select cur.school_id, cur.value, prev.value
                from school_metric_value cur
                join school_metric_value prev on prev.school_id = cur.school_id and prev.metric_code = cur.metric_code
                 and prev.school_year = ? and not prev.suppressed
                where cur.school_year = ? and cur.metric_code = ? and not cur.suppressed
                """;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, SchoolYear.previous(schoolYear));
            s.setString(2, schoolYear);
            s.setString(3, metricCode);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getObject(1, UUID.class), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)});
                }
            }
        }
        return out;
    }

    /** One school's current value of a metric in a year, suppressed or not (null when it has none). */
    public record Value(BigDecimal value, boolean suppressed) {
    }

    public Value value(UUID school, String schoolYear, String metricCode) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "select value, suppressed from school_metric_value where school_id = ? and school_year = ? and metric_code = ?")) {
            s.setObject(1, school);
            s.setString(2, schoolYear);
            s.setString(3, metricCode);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new Value(rs.getBigDecimal(1), rs.getBoolean(2)) : null;
            }
        }
    }

    public String json(IntegrityEvidence e) {
        try {
            return mapper.writeValueAsString(e);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    private IntegrityEvidence evidence(String json) {
        try {
            return mapper.readValue(json, IntegrityEvidence.class);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    /** Keeps the latest outcome of a check. */
    public void saveCheck(IntegrityCheck k, Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into integrity_check (school_id, school_year, rule, scope, outcome, reason, evidence, checked_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
                on conflict (school_id, school_year, rule, scope) do update
                   set outcome = excluded.outcome, reason = excluded.reason, evidence = excluded.evidence,
                       checked_at = excluded.checked_at""")) {
            s.setObject(1, k.key().schoolId());
            s.setString(2, k.key().schoolYear());
            s.setString(3, k.rule().name());
            s.setString(4, k.scope());
            s.setString(5, k.outcome().name());
            s.setString(6, k.reason() == null ? null : truncate(k.reason(), 300));
            s.setString(7, json(k.evidence()));
            s.setTimestamp(8, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** The latest outcome of every check of a school, newest year first. */
    public List<org.portfolio.performance.domain.IntegrityCheckResult> checks(UUID school) throws SQLException {
        List<org.portfolio.performance.domain.IntegrityCheckResult> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                select school_year, rule, scope, outcome, reason, evidence::text, checked_at from integrity_check
                where school_id = ? order by school_year desc, rule, scope""")) {
            s.setObject(1, school);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new org.portfolio.performance.domain.IntegrityCheckResult(new IntegrityCheck(new SchoolYearKey(school, rs.getString(1)),
                            IntegrityRule.valueOf(rs.getString(2)), rs.getString(3),
                            IntegrityOutcome.valueOf(rs.getString(4)), rs.getString(5), evidence(rs.getString(6))),
                            rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return out;
    }

    private static final String FLAG_COLUMNS = "f.id, f.school_id, f.school_year, f.rule, f.scope, f.status, "
            + "f.evidence::text, c.reason, f.framework_id, f.framework_version, f.job_id, f.raised_at, f.updated_at, "
            + "f.resolved_at, f.resolved_by, f.resolution_note, f.row_version, f.fingerprint, f.resolution_code";
    private static final String FLAG_FROM = " from integrity_flag f left join integrity_check c on c.school_id = "
            + "f.school_id and c.school_year = f.school_year and c.rule = f.rule and c.scope = f.scope ";

    /** A stored flag with the fingerprint of its evidence. */
    public record StoredFlag(IntegrityFlag flag, String fingerprint) {
    }

    private StoredFlag flag(ResultSet rs) throws SQLException {
        return new StoredFlag(new IntegrityFlag(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                IntegrityRule.valueOf(rs.getString(4)), rs.getString(5), IntegrityFlagStatus.valueOf(rs.getString(6)),
                evidence(rs.getString(7)), rs.getString(8), rs.getObject(9, UUID.class),
                rs.getObject(10) == null ? null : rs.getInt(10), rs.getObject(11, UUID.class),
                rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant(), rs.getString(15),
                rs.getString(19) == null ? null : IntegrityResolutionCode.valueOf(rs.getString(19)), rs.getString(16),
                rs.getLong(17)), rs.getString(18));
    }

    /** The flag of this key that is OPEN, else the newest RESOLVED one. */
    public Optional<StoredFlag> latest(SchoolYearKey k, IntegrityRule rule, String scope) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("select " + FLAG_COLUMNS
                + FLAG_FROM + "where f.school_id = ? and f.school_year = ? and f.rule = ? and f.scope = ? "
                + "order by (f.status = 'OPEN') desc, f.raised_at desc limit 1")) {
            s.setObject(1, k.schoolId());
            s.setString(2, k.schoolYear());
            s.setString(3, rule.name());
            s.setString(4, scope);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(flag(rs)) : Optional.empty();
            }
        }
    }

    public Optional<StoredFlag> find(UUID id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("select " + FLAG_COLUMNS
                + FLAG_FROM + "where f.id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(flag(rs)) : Optional.empty();
            }
        }
    }

    /** Locks a flag's row for a resolution. */
    public Optional<StoredFlag> findForUpdate(UUID id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("select " + FLAG_COLUMNS
                + FLAG_FROM + "where f.id = ? for update of f")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(flag(rs)) : Optional.empty();
            }
        }
    }

    /** A school's flags, newest first. */
    public List<IntegrityFlag> forSchool(UUID school) throws SQLException {
        List<IntegrityFlag> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("select " + FLAG_COLUMNS
                + FLAG_FROM + "where f.school_id = ? order by f.raised_at desc, f.id")) {
            s.setObject(1, school);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(flag(rs).flag());
                }
            }
        }
        return out;
    }

    public void insert(IntegrityFlag f, String fingerprint) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into integrity_flag (id, school_id, school_year, rule, scope, status, evidence, fingerprint,
                       framework_id, framework_version, job_id, raised_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)""")) {
            s.setObject(1, f.id());
            s.setObject(2, f.schoolId());
            s.setString(3, f.schoolYear());
            s.setString(4, f.rule().name());
            s.setString(5, f.scope());
            s.setString(6, f.status().name());
            s.setString(7, json(f.evidence()));
            s.setString(8, fingerprint);
            s.setObject(9, f.frameworkId());
            s.setObject(10, f.frameworkVersion());
            s.setObject(11, f.jobId());
            s.setTimestamp(12, Timestamp.from(f.raisedAt()));
            s.setTimestamp(13, Timestamp.from(f.updatedAt()));
            s.executeUpdate();
        }
    }

    /**
     * An OPEN flag's evidence as the latest data shows it.
     *
     * @return false when the flag is no longer OPEN (resolved since it was read: its evidence stays what was resolved)
     */
    public boolean updateEvidence(UUID id, IntegrityEvidence e, String fingerprint, Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("update integrity_flag set "
                + "evidence = ?::jsonb, fingerprint = ?, updated_at = ?, row_version = row_version + 1 "
                + "where id = ? and status = 'OPEN'")) {
            s.setString(1, json(e));
            s.setString(2, fingerprint);
            s.setTimestamp(3, Timestamp.from(now));
            s.setObject(4, id);
            return s.executeUpdate() == 1;
        }
    }

    public void resolve(UUID id, String by, IntegrityResolutionCode code, String note, Instant now) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("update integrity_flag set "
                + "status = 'RESOLVED', resolved_at = ?, resolved_by = ?, resolution_code = ?, resolution_note = ?, "
                + "updated_at = ?, row_version = row_version + 1 where id = ? and status = 'OPEN'")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, by);
            s.setString(3, code.name());
            s.setString(4, note);
            s.setTimestamp(5, Timestamp.from(now));
            s.setObject(6, id);
            s.executeUpdate();
        }
    }

    private static String truncate(String s, int max) {
        return org.portfolio.platform.web.text.Texts.cut(s, max);
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
}
