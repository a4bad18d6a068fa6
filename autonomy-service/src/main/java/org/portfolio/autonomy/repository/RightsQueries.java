package org.portfolio.autonomy.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.autonomy.domain.AutonomyDomain;
import org.portfolio.autonomy.domain.CauseInfo;
import org.portfolio.autonomy.domain.CauseKind;
import org.portfolio.autonomy.domain.GrantModel;
import org.portfolio.autonomy.domain.GrantSnapshot;
import org.portfolio.autonomy.domain.GrantSource;
import org.portfolio.autonomy.domain.GrantStatus;
import org.portfolio.autonomy.domain.RatingTier;
import org.portfolio.autonomy.domain.SchoolRights;
import org.portfolio.autonomy.domain.StringListConverter;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The read behind the decision-rights check: one school (or many) with its grants and their status timelines in
 * ONE SQL statement (one consistent snapshot, one round trip, no persistence context, no transaction) — it runs on
 * every cache miss, i.e. on the first check after each change, and on every check while the cache is off.
 */
@ApplicationScoped
public class RightsQueries {

    private static final String CAUSE = "kind, event_id, benchmark_id, evaluation_id, metric_code, period, comparator, "
            + "target, actual, rating_ids, request_id, contract_id, reason, description, actor, correction_id, correction_reason_code";
    private static final int CAUSE_COLUMNS = 17;

    private static final String SELECT = "select s.id, s.name, s.district_code, s.status, "
            + "g.id, g.domain, g.model, g.source, g.decisions, g.scope, g.contract_id, g.provision_id, g.request_id, "
            + "g.eligibility_minimum_tier, g.eligibility_consecutive_years, g.effective_from, g.effective_to, "
            + "g.successor_contract_id, g.status, g.status_since, " + prefixed("g") + ", "
            + "h.at, h.to_status, " + prefixed("h") + ", "
            + "h.from_status is distinct from h.to_status, h.domain, h.model, h.decisions, h.effective_from, "
            + "h.effective_to, h.successor_contract_id "
            + "from school s "
            + "left join autonomy_grant g on g.school_id = s.id "
            + "left join grant_history h on h.grant_id = g.id ";
    private static final String ORDER = " order by s.id, g.created_at, g.id, h.id";

    private static final StringListConverter LIST = new StringListConverter();

    @Inject
    DataSource dataSource;

    /** The school's rights, or {@link SchoolRights#unknown} when the service has never heard of it. */
    public SchoolRights load(UUID schoolId) {
        Map<UUID, SchoolRights> found = query(SELECT + "where s.id = ?" + ORDER, schoolId, null);
        return found.getOrDefault(schoolId, SchoolRights.unknown(schoolId));
    }

    /** Many schools in one statement; unknown ids are left out. */
    public Map<UUID, SchoolRights> loadAll(Collection<UUID> schoolIds) {
        if (schoolIds.isEmpty()) {
            return Map.of();
        }
        return query(SELECT + "where s.id = any(?)" + ORDER, null, schoolIds);
    }

    /** The current decision catalog version (every catalog edit makes a new one). */
    public int catalogVersion() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select coalesce(max(version), 0) from catalog_version");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog version failed: " + e.getMessage(), e);
        }
    }

    /**
     * The catalog version in force at {@code instant}: the last one made before it, or the first one (the catalog
     * seeded at installation) for an instant before any.
     */
    public int catalogVersionAt(Instant instant) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select coalesce((select max(version) from catalog_version "
                     + "where created_at < ?), (select min(version) from catalog_version), 0)")) {
            ps.setTimestamp(1, Timestamp.from(instant));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog version failed: " + e.getMessage(), e);
        }
    }

    private Map<UUID, SchoolRights> query(String sql, UUID one, Collection<UUID> many) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (one != null) {
                ps.setObject(1, one);
            } else {
                Array array = c.createArrayOf("uuid", many.toArray());
                ps.setArray(1, array);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading decision rights failed: " + e.getMessage(), e);
        }
    }

    private static final class SchoolRow {
        String name;
        String districtCode;
        String status;
        final Map<UUID, GrantRow> grants = new LinkedHashMap<>();
    }

    private static final class GrantRow {
        Object[] fields;
        final List<GrantSnapshot.Step> steps = new ArrayList<>();
        final List<GrantSnapshot.Terms> terms = new ArrayList<>();
    }

    private static Map<UUID, SchoolRights> read(ResultSet rs) throws SQLException {
        Map<UUID, SchoolRow> schools = new LinkedHashMap<>();
        while (rs.next()) {
            UUID schoolId = rs.getObject(1, UUID.class);
            SchoolRow s = schools.get(schoolId);
            if (s == null) {
                s = new SchoolRow();
                s.name = rs.getString(2);
                s.districtCode = rs.getString(3);
                s.status = rs.getString(4);
                schools.put(schoolId, s);
            }
            UUID grantId = rs.getObject(5, UUID.class);
            if (grantId == null) {
                continue;
            }
            GrantRow g = s.grants.get(grantId);
            if (g == null) {
                g = new GrantRow();
                g.fields = new Object[]{
                        grantId, AutonomyDomain.valueOf(rs.getString(6)), GrantModel.valueOf(rs.getString(7)),
                        GrantSource.valueOf(rs.getString(8)), Set.copyOf(LIST.convertToEntityAttribute(rs.getString(9))),
                        rs.getString(10), rs.getObject(11, UUID.class), rs.getObject(12, UUID.class),
                        rs.getObject(13, UUID.class), tier(rs.getString(14)), (Integer) rs.getObject(15),
                        rs.getObject(16, LocalDate.class), rs.getObject(17, LocalDate.class), rs.getObject(18, UUID.class),
                        GrantStatus.valueOf(rs.getString(19)), instant(rs.getTimestamp(20)), cause(rs, 21)};
                s.grants.put(grantId, g);
            }
            int h = 21 + CAUSE_COLUMNS;
            Timestamp at = rs.getTimestamp(h);
            if (at == null) {
                continue;
            }
            int t = h + 2 + CAUSE_COLUMNS; // status changed?, then the terms after the entry (null before V10)
            if (rs.getBoolean(t)) {
                g.steps.add(new GrantSnapshot.Step(at.toInstant(), GrantStatus.valueOf(rs.getString(h + 1)),
                        cause(rs, h + 2)));
            }
            String domain = rs.getString(t + 1);
            if (domain != null) {
                GrantSnapshot.Terms terms = new GrantSnapshot.Terms(at.toInstant(), AutonomyDomain.valueOf(domain),
                        GrantModel.valueOf(rs.getString(t + 2)), Set.copyOf(LIST.convertToEntityAttribute(rs.getString(t + 3))),
                        rs.getObject(t + 4, LocalDate.class), rs.getObject(t + 5, LocalDate.class),
                        rs.getObject(t + 6, UUID.class));
                if (!terms.sameAs(g.terms.isEmpty() ? null : g.terms.get(g.terms.size() - 1))) {
                    g.terms.add(terms); // only where they changed: most entries change the status alone
                }
            }
        }
        Map<UUID, SchoolRights> out = new LinkedHashMap<>();
        schools.forEach((id, s) -> {
            List<GrantSnapshot> grants = new ArrayList<>();
            for (GrantRow g : s.grants.values()) {
                Object[] f = g.fields;
                @SuppressWarnings("unchecked")
                Set<String> decisions = (Set<String>) f[4];
                grants.add(new GrantSnapshot((UUID) f[0], id, (AutonomyDomain) f[1], (GrantModel) f[2],
                        (GrantSource) f[3], decisions, (String) f[5], (UUID) f[6], (UUID) f[7], (UUID) f[8],
                        (RatingTier) f[9], (Integer) f[10], (LocalDate) f[11], (LocalDate) f[12], (UUID) f[13],
                        (GrantStatus) f[14], (Instant) f[15], (CauseInfo) f[16], List.copyOf(g.steps),
                        List.copyOf(g.terms)));
            }
            out.put(id, new SchoolRights(id, true, s.name, s.districtCode, s.status, grants));
        });
        return out;
    }

    private static CauseInfo cause(ResultSet rs, int first) throws SQLException {
        String kind = rs.getString(first);
        if (kind == null) {
            return null;
        }
        String ratings = rs.getString(first + 9);
        List<UUID> ratingIds = ratings == null || ratings.isBlank() ? List.of()
                : Arrays.stream(ratings.split(",")).map(UUID::fromString).toList();
        return new CauseInfo(CauseKind.valueOf(kind), rs.getString(first + 1), rs.getObject(first + 2, UUID.class),
                rs.getObject(first + 3, UUID.class), rs.getString(first + 4), rs.getString(first + 5),
                rs.getString(first + 6), (BigDecimal) rs.getObject(first + 7), (BigDecimal) rs.getObject(first + 8),
                ratingIds, rs.getObject(first + 10, UUID.class), rs.getObject(first + 11, UUID.class),
                rs.getString(first + 12), rs.getString(first + 13), rs.getString(first + 14),
                rs.getObject(first + 15, UUID.class), rs.getString(first + 16));
    }

    private static RatingTier tier(String s) {
        return s == null ? null : RatingTier.valueOf(s);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String prefixed(String alias) {
        StringBuilder b = new StringBuilder();
        for (String col : CAUSE.split(", ")) {
            b.append(b.length() == 0 ? "" : ", ").append(alias).append(".cause_").append(col);
        }
        return b.toString();
    }
}
