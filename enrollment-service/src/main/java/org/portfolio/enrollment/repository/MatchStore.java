package org.portfolio.enrollment.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.enrollment.domain.ApplicantProfile;
import org.portfolio.enrollment.domain.PriorityGroup;
import org.portfolio.enrollment.domain.SeatBlock;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

import java.nio.ByteBuffer;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk reads and writes of the match (plain JDBC on the transaction's connection): the applications of a period in
 * two streaming queries, and the results with PostgreSQL COPY.
 */
@ApplicationScoped
public class MatchStore {

    @Inject
    DataSource dataSource;

    /** The submitted applications of a period, applicants in read order, choices as program indexes. */
    public record Applications(UUID[] applicants, ApplicantProfile[] profiles, int[] choiceStart, int[] choiceProgram) {
        public int size() {
            return applicants.length;
        }
    }

    public Applications loadApplications(UUID periodId, Map<UUID, Integer> programIndex) {
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>();
            List<ApplicantProfile> profiles = new ArrayList<>();
            Map<UUID, Integer> applicationIndex = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select a.id, ap.id, ap.grade, ap.home_zone, ap.current_school_id, ap.sibling_school_ids,
                           ap.staff_school_ids, ap.flags
                    from application a join applicant ap on ap.id = a.applicant_id
                    where a.period_id = ? and a.status = 'SUBMITTED'""")) {
                ps.setFetchSize(10_000);
                ps.setObject(1, periodId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        applicationIndex.put(rs.getObject(1, UUID.class), ids.size());
                        UUID applicant = rs.getObject(2, UUID.class);
                        ids.add(applicant);
                        profiles.add(new ApplicantProfile(applicant, rs.getString(3), rs.getString(4),
                                rs.getObject(5, UUID.class), split(rs.getString(6)), split(rs.getString(7)), split(rs.getString(8))));
                    }
                }
            }
            int n = ids.size();
            // choices arrive unordered: count, then place by (application, rank). Read with COPY in binary (960,000
            // rows for 80,000 applicants): ids are looked up as two longs, with no object per row.
            UuidIndex applications = new UuidIndex(n);
            for (Map.Entry<UUID, Integer> e : applicationIndex.entrySet()) {
                applications.put(e.getKey(), e.getValue());
            }
            UuidIndex programs = new UuidIndex(programIndex.size());
            programIndex.forEach(programs::put);
            int[] owner = new int[1024];
            int[] rank = new int[1024];
            int[] program = new int[1024];
            int count = 0;
            int[] perApplicant = new int[n + 1];
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    copy (select c.application_id, c.rank, c.program_id
                          from application a join application_choice c on c.application_id = a.id
                          where a.period_id = '%s' and a.status = 'SUBMITTED') to stdout (format binary)""".formatted(periodId));
            byte[] row;
            boolean header = true;
            while ((row = out.readFromCopy()) != null) {
                ByteBuffer b = ByteBuffer.wrap(row);
                if (header) {
                    b.position(11);
                    b.getInt();
                    b.position(b.position() + 4 + b.getInt(b.position()));
                    header = false;
                    if (!b.hasRemaining()) {
                        continue;
                    }
                }
                if (b.getShort() != 3) {
                    continue; // the trailer
                }
                b.getInt();
                int a = applications.get(b.getLong(), b.getLong());
                b.getInt();
                int r = b.getInt();
                b.getInt();
                int p = programs.get(b.getLong(), b.getLong());
                if (a < 0 || p < 0) {
                    continue;
                }
                if (count == owner.length) {
                    owner = Arrays.copyOf(owner, count * 2);
                    rank = Arrays.copyOf(rank, count * 2);
                    program = Arrays.copyOf(program, count * 2);
                }
                owner[count] = a;
                rank[count] = r;
                program[count] = p;
                perApplicant[a + 1]++;
                count++;
            }
            for (int i = 0; i < n; i++) {
                perApplicant[i + 1] += perApplicant[i];
            }
            int[] choiceProgram = new int[count];
            int[] choiceRank = new int[count];
            int[] fill = Arrays.copyOf(perApplicant, n);
            for (int i = 0; i < count; i++) {
                int at = fill[owner[i]]++;
                choiceProgram[at] = program[i];
                choiceRank[at] = rank[i];
            }
            // order each applicant's choices by rank (insertion sort: at most a dozen)
            for (int a = 0; a < n; a++) {
                for (int i = perApplicant[a] + 1; i < perApplicant[a + 1]; i++) {
                    int r = choiceRank[i], p = choiceProgram[i], j = i - 1;
                    while (j >= perApplicant[a] && choiceRank[j] > r) {
                        choiceRank[j + 1] = choiceRank[j];
                        choiceProgram[j + 1] = choiceProgram[j];
                        j--;
                    }
                    choiceRank[j + 1] = r;
                    choiceProgram[j + 1] = p;
                }
            }
            return new Applications(ids.toArray(UUID[]::new), profiles.toArray(ApplicantProfile[]::new), perApplicant,
                    choiceProgram);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the applications of period " + periodId, e);
        }
    }

    /** Open-addressing map from a UUID (as its two longs) to an index. */
    static final class UuidIndex {
        private final long[] msb;
        private final long[] lsb;
        private final int[] values;
        private final int mask;

        UuidIndex(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
            msb = new long[cap];
            lsb = new long[cap];
            values = new int[cap];
            Arrays.fill(values, -1);
            mask = cap - 1;
        }

        private int slot(long hi, long lo) {
            long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
            return (int) (h ^ (h >>> 29)) & mask;
        }

        void put(UUID id, int value) {
            long hi = id.getMostSignificantBits(), lo = id.getLeastSignificantBits();
            int i = slot(hi, lo);
            while (values[i] >= 0 && (msb[i] != hi || lsb[i] != lo)) {
                i = (i + 1) & mask;
            }
            msb[i] = hi;
            lsb[i] = lo;
            values[i] = value;
        }

        int get(long hi, long lo) {
            int i = slot(hi, lo);
            while (values[i] >= 0) {
                if (msb[i] == hi && lsb[i] == lo) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return -1;
        }
    }

    /** Deletes a period's match results (offers, waitlists, blocks, statistics). */
    public void deleteResults(UUID periodId) {
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(
                    "delete from waitlist_entry where period_id = ?",
                    "delete from offer where period_id = ?",
                    "delete from program_block where program_id in (select id from program where period_id = ?)",
                    "delete from program_statistics where period_id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, periodId);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete the results of period " + periodId, e);
        }
    }

    /** The columns of program_block, in the order {@link #appendBlock} writes them. */
    public static final String BLOCK_COLUMNS = "program_id, block, group_code, seats, filled, cutoff_group, cutoff_member, cutoff_lottery";

    /** Appends a program's seat block to COPY rows of program_block ({@link #BLOCK_COLUMNS}). */
    public static void appendBlock(StringBuilder rows, String programId, SeatBlock b) {
        rows.append(programId).append('\t').append(b.block()).append('\t').append(text(b.group())).append('\t')
                .append(b.seats()).append('\t').append(b.filled()).append('\t')
                .append(text(b.cutoffGroup() == null ? null : b.cutoffGroup().name())).append('\t')
                .append(b.cutoffMember() == null ? "\\N" : b.cutoffMember() ? "t" : "f").append('\t')
                .append(b.cutoffLottery() == null ? "\\N" : Double.toString(b.cutoffLottery())).append('\n');
    }

    /**
     * The seat blocks of a period's programs as its stored match left them, each program's in block order (none
     * before the match): what the statistics, the explanations and MatchPublished read.
     */
    public Map<UUID, List<SeatBlock>> blocks(UUID periodId) {
        Map<UUID, List<SeatBlock>> out = new HashMap<>();
        for (Object[] r : query("""
                select b.program_id, b.block, b.group_code, b.seats, b.filled, b.cutoff_group, b.cutoff_member, b.cutoff_lottery
                from program_block b join program p on p.id = b.program_id where p.period_id = ? order by b.program_id, b.block""",
                periodId)) {
            out.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new SeatBlock((Integer) r[1], (String) r[2],
                    (Integer) r[3], (Integer) r[4], r[5] == null ? null : PriorityGroup.valueOf((String) r[5]), (Boolean) r[6],
                    (Double) r[7]));
        }
        return out;
    }

    /** COPY rows in PostgreSQL text format (tab-separated, \N for null) into a table. */
    public long copyIn(String table, String columns, CharSequence rows) {
        try (Connection c = dataSource.getConnection()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Reader r = new CharSequenceReader(rows)) {
                return copy.copyIn("copy " + table + " (" + columns + ") from stdin", r);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not copy into " + table, e);
        }
    }

    /**
     * Records each school's zone as it stands, for every school with a program in the period (period_school_zone): what
     * every run of the period reads, as it reads the applicants' fields fixed from the close (eighth pass, E4).
     */
    public void freezeSchoolZones(UUID periodId) {
        execute("delete from period_school_zone where period_id = ?", periodId);
        execute("""
                insert into period_school_zone (period_id, school_id, zone)
                select distinct p.period_id, p.school_id, s.zone from program p
                  left join participating_school s on s.school_id = p.school_id
                 where p.period_id = ?""", periodId);
    }

    /** Each school's zone recorded at the period's close (empty when none was: before the close, or before V5). */
    public Map<UUID, String> schoolZonesAtClose(UUID periodId) {
        Map<UUID, String> out = new HashMap<>();
        for (Object[] r : query("select school_id, zone from period_school_zone where period_id = ?", periodId)) {
            out.put((UUID) r[0], (String) r[1]);
        }
        return out;
    }

    /** Runs one statement with parameters; returns the update count. */
    public int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof UUID[] ids) {
                    ps.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }

    /** Rows of a query as object arrays (small results only). */
    public List<Object[]> query(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[cols];
                    for (int i = 0; i < cols; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /**
     * The ids of the applicants with these references, their rows locked FOR UPDATE in the order of their ids (an import
     * writes each of them; an application or a change of one through the API waits for it, or it for them, and two
     * imports of the same applicants take them in one order).
     */
    public Map<String, UUID> applicantIdsByRef(List<String> refs) {
        Map<String, UUID> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select external_ref, id from applicant where external_ref = any (?) order by id for update")) {
            ps.setArray(1, c.createArrayOf("varchar", refs.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getObject(2, UUID.class));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read applicants", e);
        }
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }

    /** Escapes a value for COPY text format. */
    public static String text(Object v) {
        if (v == null) {
            return "\\N";
        }
        String s = v.toString();
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    /** A Reader over a CharSequence without copying it into a String. */
    private static final class CharSequenceReader extends Reader {
        private final CharSequence s;
        private int pos;

        CharSequenceReader(CharSequence s) {
            this.s = s;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos >= s.length()) {
                return -1;
            }
            int n = Math.min(len, s.length() - pos);
            if (s instanceof StringBuilder sb) {
                sb.getChars(pos, pos + n, buf, off);
            } else {
                for (int i = 0; i < n; i++) {
                    buf[off + i] = s.charAt(pos + i);
                }
            }
            pos += n;
            return n;
        }

        @Override
        public void close() {
        }
    }
}
