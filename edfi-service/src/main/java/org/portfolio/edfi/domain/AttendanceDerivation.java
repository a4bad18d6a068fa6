package org.portfolio.edfi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A student's attendance record of one school and school year, derived from Ed-Fi resources (docs/edfi.md):
 *
 * <ul>
 *   <li><b>days enrolled</b>: per session of the school and year, its {@code totalInstructionalDays}, in proportion
 *   to the weekdays of the session that fall within one of the student's enrollments at the school
 *   (studentSchoolAssociations, {@code entryDate} to {@code exitWithdrawDate}, both included; no exit = still
 *   enrolled); a session the student is enrolled for all along counts its instructional days exactly. Where sessions
 *   overlap (a "Year Round" session with "Fall" and "Spring" in it, quarters within semesters) a weekday counts once,
 *   for the longest session covering it: a session within a longer one counts nothing, and the longer one its own
 *   instructional days;</li>
 *   <li><b>days absent</b>: per date within a session and an enrollment, the sum over the student's attendance events
 *   of that date of the category's weight times {@code eventDuration} (1 when not given), at most 1 a day; categories
 *   mapped as not absences count 0.</li>
 * </ul>
 * Both are rounded to the nearest half day (performance-service takes half days), days absent at most days enrolled.
 * Nothing is derived (empty) when the student is enrolled for no instructional day.
 */
public final class AttendanceDerivation {

    /** A session: its dates and instructional days. */
    public record Session(LocalDate begin, LocalDate end, int totalInstructionalDays) {
    }

    /** An enrollment; exit null while the student is enrolled. */
    public record Enrollment(LocalDate entry, LocalDate exit) {

        boolean covers(LocalDate d) {
            return !d.isBefore(entry) && (exit == null || !d.isAfter(exit));
        }
    }

    /** An attendance event; duration null when the SIS did not give one. */
    public record Event(LocalDate date, Descriptor category, BigDecimal duration) {
    }

    /** How a category counts. */
    public record Category(boolean absence, BigDecimal weight) {
    }

    /** The derived record, and how many events had a category the mapping does not know (not counted). */
    public record Attendance(BigDecimal daysEnrolled, BigDecimal daysAbsent, int unmappedEvents) {
    }

    private AttendanceDerivation() {
    }

    public static Optional<Attendance> derive(List<Session> sessions, List<Enrollment> enrollments, List<Event> events,
                                              Map<Descriptor, Category> categories) {
        List<Session> valid = sessions.stream().filter(s -> !s.end().isBefore(s.begin()) && s.totalInstructionalDays() > 0).toList();
        long[] weekdays = new long[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            for (LocalDate d = valid.get(i).begin(); !d.isAfter(valid.get(i).end()); d = d.plusDays(1)) {
                if (weekday(d)) {
                    weekdays[i]++;
                }
            }
        }
        long[] covered = new long[valid.size()];
        for (int i = 0; i < valid.size(); i++) {
            for (LocalDate d = valid.get(i).begin(); !d.isAfter(valid.get(i).end()); d = d.plusDays(1)) {
                // a weekday counts once, for the session that owns it (overlapping sessions, docs/edfi.md)
                if (weekday(d) && owner(valid, weekdays, d) == i && enrolledOn(enrollments, d)) {
                    covered[i]++;
                }
            }
        }
        BigDecimal enrolled = BigDecimal.ZERO;
        for (int i = 0; i < valid.size(); i++) {
            if (weekdays[i] == 0 || covered[i] == 0) {
                continue;
            }
            long total = valid.get(i).totalInstructionalDays();
            enrolled = enrolled.add(covered[i] == weekdays[i] ? BigDecimal.valueOf(total)
                    : BigDecimal.valueOf(total * covered[i]).divide(BigDecimal.valueOf(weekdays[i]), 6, RoundingMode.HALF_UP));
        }
        BigDecimal daysEnrolled = halfDays(enrolled);
        if (daysEnrolled.signum() <= 0) {
            return Optional.empty();
        }
        TreeMap<LocalDate, BigDecimal> perDay = new TreeMap<>();
        int unmapped = 0;
        for (Event e : events) {
            if (!inSession(sessions, e.date()) || !enrolledOn(enrollments, e.date())) {
                continue;
            }
            Category c = categories.get(e.category());
            if (c == null) {
                unmapped++;
                continue;
            }
            if (!c.absence()) {
                continue;
            }
            BigDecimal duration = e.duration() == null ? BigDecimal.ONE : e.duration();
            perDay.merge(e.date(), c.weight().multiply(duration), BigDecimal::add);
        }
        BigDecimal absent = BigDecimal.ZERO;
        for (BigDecimal day : perDay.values()) {
            absent = absent.add(day.min(BigDecimal.ONE));
        }
        BigDecimal daysAbsent = halfDays(absent).min(daysEnrolled);
        return Optional.of(new Attendance(daysEnrolled, daysAbsent, unmapped));
    }

    /** Rounded to the nearest half (half up), written without trailing zeros. */
    static BigDecimal halfDays(BigDecimal v) {
        BigDecimal halves = v.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.HALF_UP);
        BigDecimal r = halves.divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /**
     * The index of the session a date counts for where sessions overlap (a "Year Round" session with "Fall" and
     * "Spring" in it, quarters within semesters): the longest session covering the date (most weekdays), then the one
     * with more instructional days, then the earlier begin, then the earlier end, then the first listed.
     */
    private static int owner(List<Session> sessions, long[] weekdays, LocalDate d) {
        int best = -1;
        for (int i = 0; i < sessions.size(); i++) {
            Session s = sessions.get(i);
            if (d.isBefore(s.begin()) || d.isAfter(s.end())) {
                continue;
            }
            if (best < 0 || before(s, weekdays[i], sessions.get(best), weekdays[best])) {
                best = i;
            }
        }
        return best;
    }

    private static boolean before(Session a, long aWeekdays, Session b, long bWeekdays) {
        if (aWeekdays != bWeekdays) {
            return aWeekdays > bWeekdays;
        }
        if (a.totalInstructionalDays() != b.totalInstructionalDays()) {
            return a.totalInstructionalDays() > b.totalInstructionalDays();
        }
        if (!a.begin().equals(b.begin())) {
            return a.begin().isBefore(b.begin());
        }
        return a.end().isBefore(b.end());
    }

    private static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static boolean enrolledOn(List<Enrollment> enrollments, LocalDate d) {
        for (Enrollment e : enrollments) {
            if (e.covers(d)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inSession(List<Session> sessions, LocalDate d) {
        for (Session s : sessions) {
            if (!d.isBefore(s.begin()) && !d.isAfter(s.end())) {
                return true;
            }
        }
        return false;
    }
}
