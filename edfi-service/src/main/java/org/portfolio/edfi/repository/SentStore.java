package org.portfolio.edfi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The assessment record last sent to performance-service per source (edfi_sent_assessment): what to retract later. */
@ApplicationScoped
public class SentStore {

    /** The service's one clock (platform-web's ClockProducer), never the system clock directly. */
    @Inject
    java.time.Clock clock;

    /** A record by performance-service's natural key. */
    public record Sent(UUID schoolId, String schoolYear, String studentId, String subject, String testCode) {
    }

    @Inject
    Sql sql;

    public Optional<Sent> byKey(String sourceKey) {
        return sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("select school_id, school_year, student_id, subject, test_code "
                    + "from edfi_sent_assessment where source_key = ?")) {
                st.setString(1, sourceKey);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Sent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5))) : Optional.empty();
                }
            }
        });
    }

    public void put(String sourceKey, Sent s) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into edfi_sent_assessment (source_key, school_id, school_year, "
                    + "student_id, subject, test_code, sent_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (source_key) do update set "
                    + "school_id = excluded.school_id, school_year = excluded.school_year, student_id = excluded.student_id, "
                    + "subject = excluded.subject, test_code = excluded.test_code, sent_at = excluded.sent_at")) {
                st.setString(1, sourceKey);
                st.setObject(2, s.schoolId());
                st.setString(3, s.schoolYear());
                st.setString(4, s.studentId());
                st.setString(5, s.subject());
                st.setString(6, s.testCode());
                st.setTimestamp(7, Timestamp.from(clock.instant()));
                st.executeUpdate();
            }
            return null;
        });
    }

    public void remove(String sourceKey) {
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from edfi_sent_assessment where source_key = ?")) {
                st.setString(1, sourceKey);
                st.executeUpdate();
            }
            return null;
        });
    }

    // --- attendance (edfi_sent_attendance) ------------------------------------------------------------------------

    /** An attendance record by performance-service's natural key. */
    public record SentAttendance(UUID schoolId, String schoolYear, String studentId) {
    }

    /** What was last sent for these record keys (those sent). */
    public java.util.Map<String, SentAttendance> attendanceOf(java.util.Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return java.util.Map.of();
        }
        return sql.work(c -> {
            java.util.Map<String, SentAttendance> out = new java.util.HashMap<>();
            try (PreparedStatement st = c.prepareStatement("select source_key, school_id, school_year, student_id "
                    + "from edfi_sent_attendance where source_key = any (?)")) {
                st.setArray(1, c.createArrayOf("text", sourceKeys.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new SentAttendance(rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Of these natural keys, those another record of the door (not one of {@code excluding}) was last sent under:
     * several Ed-Fi schools mapped to one suite school share performance-service's key.
     */
    public java.util.Set<SentAttendance> attendanceHeldBy(java.util.Collection<SentAttendance> naturalKeys,
                                                          java.util.Collection<String> excluding) {
        if (naturalKeys.isEmpty()) {
            return java.util.Set.of();
        }
        return sql.work(c -> {
            java.util.Set<SentAttendance> out = new java.util.HashSet<>();
            try (PreparedStatement st = c.prepareStatement("select distinct s.school_id, s.school_year, s.student_id "
                    + "from edfi_sent_attendance s join unnest(?::uuid[], ?::text[], ?::text[]) k(school_id, school_year, "
                    + "student_id) on s.school_id = k.school_id and s.school_year = k.school_year "
                    + "and s.student_id = k.student_id where not (s.source_key = any (?))")) {
                st.setArray(1, c.createArrayOf("uuid", naturalKeys.stream().map(SentAttendance::schoolId).toArray()));
                st.setArray(2, c.createArrayOf("text", naturalKeys.stream().map(SentAttendance::schoolYear).toArray()));
                st.setArray(3, c.createArrayOf("text", naturalKeys.stream().map(SentAttendance::studentId).toArray()));
                st.setArray(4, c.createArrayOf("text", excluding.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SentAttendance(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    public void putAttendance(java.util.Map<String, SentAttendance> sent) {
        if (sent.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into edfi_sent_attendance (source_key, school_id, "
                    + "school_year, student_id, sent_at) values (?, ?, ?, ?, ?) on conflict (source_key) do update set "
                    + "school_id = excluded.school_id, school_year = excluded.school_year, student_id = excluded.student_id, "
                    + "sent_at = excluded.sent_at")) {
                Timestamp now = Timestamp.from(clock.instant());
                for (var e : sent.entrySet()) {
                    st.setString(1, e.getKey());
                    st.setObject(2, e.getValue().schoolId());
                    st.setString(3, e.getValue().schoolYear());
                    st.setString(4, e.getValue().studentId());
                    st.setTimestamp(5, now);
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    public void removeAttendance(java.util.Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return;
        }
        sql.work(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from edfi_sent_attendance where source_key = any (?)")) {
                st.setArray(1, c.createArrayOf("text", sourceKeys.toArray()));
                st.executeUpdate();
            }
            return null;
        });
    }
}
