package org.portfolio.edfi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A student's attendance record of one school and school year, derived from Ed-Fi resources (docs/edfi.md):
 *
 * <ul>
 *   <li><b>days enrolled</b>: per session of the school and year, its {@code totalInstructionalDays}, in proportion
 *   to the weekdays of the session that fall within one of the student's enrollments at the school
 *   (studentSchoolAssociations, {@code entryDate} to {@code exitWithdrawDate}, both included; no exit = still
 *   enrolled); a session the student is enrolled for all along counts its instructional days exactly. A session
 *   whose sessions within it add up to its instructional days (a "Year Round" 180 with "Fall" 82 and "Spring" 98 in
 *   it; quarters within semesters, level by level) counts as those sessions; where counted sessions still overlap
 *   (a session within a longer one that does not add up, two that partly overlap) a weekday counts once, for the
 *   longest session covering it ({@link #calendar(List)});</li>
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

    /** The sessions of a school and year, resolved once for every student of it: see {@link #calendar(List)}. */
    public static final class Calendar {
        /** The sessions that count days, after nesting is resolved. */
        private final List<Session> counted;
        /** Weekdays of each counted session. */
        private final long[] weekdays;
        /** Disjoint, in date order: the epoch days (inclusive) a counted session owns, and its index. */
        private final long[] spanBegin;
        private final long[] spanEnd;
        private final int[] spanOwner;
        /** The dates within a session (any session given, as epoch days, inclusive, disjoint, in order): events count there. */
        private final long[] inBegin;
        private final long[] inEnd;
        private final AtomicLong steps = new AtomicLong();

        private Calendar(List<Session> counted, long[] weekdays, long[] spanBegin, long[] spanEnd, int[] spanOwner,
                         long[] inBegin, long[] inEnd, long steps) {
            this.counted = counted;
            this.weekdays = weekdays;
            this.spanBegin = spanBegin;
            this.spanEnd = spanEnd;
            this.spanOwner = spanOwner;
            this.inBegin = inBegin;
            this.inEnd = inEnd;
            this.steps.set(steps);
        }

        /** The sessions that count days (the outer session of sessions that add up to it left out). */
        public List<Session> counted() {
            return counted;
        }

        /**
         * Work done so far: the steps of resolving the sessions, then per derivation one per enrollment, per span of
         * owned weekdays and per event visited (never per day: the cost does not grow with a session's length).
         */
        public long steps() {
            return steps.get();
        }
    }

    /** {@link #derive(Calendar, List, List, Map)} of sessions resolved for this student alone. */
    public static Optional<Attendance> derive(List<Session> sessions, List<Enrollment> enrollments, List<Event> events,
                                              Map<Descriptor, Category> categories) {
        return derive(calendar(sessions), enrollments, events, categories);
    }

    /**
     * The sessions of a school and year resolved once (DerivationReader keeps one per school and year for a pass):
     * <ol>
     *   <li>sessions that end before they begin or have no instructional day count nothing;</li>
     *   <li><b>nesting</b>: a session whose sessions lying within it (the outermost of them, not overlapping one another)
     *   add up to its instructional days is left out for them — Year Round 180 with Fall 82 and Spring 98 in it counts
     *   as Fall and Spring; quarters that add up to their semester count for it, level by level;</li>
     *   <li><b>overlap</b>: every weekday left counts once, for the longest counted session covering it (most
     *   weekdays, then more instructional days, earlier begin, earlier end, first listed): a session within a longer
     *   one that does not add up counts nothing, two that partly overlap share the overlap.</li>
     * </ol>
     * Weekdays are counted by arithmetic and ownership by spans between session boundaries: the work grows with the
     * number of sessions (quadratically at worst), never with their length.
     */
    public static Calendar calendar(List<Session> sessions) {
        long steps = 0;
        List<Session> valid = sessions.stream().filter(s -> !s.end().isBefore(s.begin()) && s.totalInstructionalDays() > 0).toList();
        int n = valid.size();
        // nesting: per session, its outermost inner sessions (strictly within it: not the same dates)
        boolean[] replaced = new boolean[n];
        for (int i = 0; i < n; i++) {
            Session outer = valid.get(i);
            List<Session> inner = new ArrayList<>();
            for (Session s : valid) {
                steps++;
                if (!s.begin().isBefore(outer.begin()) && !s.end().isAfter(outer.end())
                        && !(s.begin().equals(outer.begin()) && s.end().equals(outer.end()))) {
                    inner.add(s);
                }
            }
            // begin ascending, end descending: a session within an earlier one is not outermost
            inner.sort(Comparator.comparing(Session::begin).thenComparing(Session::end, Comparator.reverseOrder()));
            LocalDate lastEnd = null; // the end of the last outermost inner session
            long sum = 0;
            boolean disjoint = !inner.isEmpty();
            for (Session s : inner) {
                steps++;
                if (lastEnd != null && !s.end().isAfter(lastEnd)) {
                    continue; // within an outermost one (or its very dates)
                }
                if (lastEnd != null && !s.begin().isAfter(lastEnd)) {
                    disjoint = false; // outermost inner sessions overlap: they do not divide the outer one
                    break;
                }
                sum += s.totalInstructionalDays();
                lastEnd = s.end();
            }
            replaced[i] = disjoint && sum == outer.totalInstructionalDays();
        }
        List<Session> counted = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!replaced[i]) {
                counted.add(valid.get(i));
            }
        }
        int m = counted.size();
        long[] weekdays = new long[m];
        for (int i = 0; i < m; i++) {
            weekdays[i] = weekdays(counted.get(i).begin().toEpochDay(), counted.get(i).end().toEpochDay());
        }
        // ownership per span between consecutive boundaries (a begin, or the day after an end)
        TreeSet<Long> bounds = new TreeSet<>();
        for (Session s : counted) {
            bounds.add(s.begin().toEpochDay());
            bounds.add(s.end().toEpochDay() + 1);
        }
        List<long[]> spans = new ArrayList<>();
        Long from = null;
        for (Long to : bounds) {
            if (from != null) {
                int owner = -1;
                for (int i = 0; i < m; i++) {
                    steps++;
                    Session s = counted.get(i);
                    if (s.begin().toEpochDay() <= from && s.end().toEpochDay() >= to - 1
                            && (owner < 0 || before(s, weekdays[i], counted.get(owner), weekdays[owner]))) {
                        owner = i;
                    }
                }
                if (owner >= 0 && weekdays(from, to - 1) > 0) {
                    long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                    if (last != null && last[2] == owner && last[1] == from - 1) {
                        last[1] = to - 1;
                    } else {
                        spans.add(new long[] {from, to - 1, owner});
                    }
                }
            }
            from = to;
        }
        long[] spanBegin = new long[spans.size()];
        long[] spanEnd = new long[spans.size()];
        int[] spanOwner = new int[spans.size()];
        for (int k = 0; k < spans.size(); k++) {
            spanBegin[k] = spans.get(k)[0];
            spanEnd[k] = spans.get(k)[1];
            spanOwner[k] = (int) spans.get(k)[2];
        }
        // the dates within any session (an event counts there, as before: days absent are not limited to counted sessions)
        List<long[]> within = new ArrayList<>();
        for (Session s : sessions) {
            if (!s.end().isBefore(s.begin())) {
                within.add(new long[] {s.begin().toEpochDay(), s.end().toEpochDay()});
            }
        }
        long[][] union = union(within);
        steps += sessions.size();
        return new Calendar(List.copyOf(counted), weekdays, spanBegin, spanEnd, spanOwner, union[0], union[1], steps);
    }

    /** A student's record, the school year's sessions resolved once ({@link #calendar(List)}). */
    public static Optional<Attendance> derive(Calendar calendar, List<Enrollment> enrollments, List<Event> events,
                                              Map<Descriptor, Category> categories) {
        long steps = 0;
        List<long[]> periods = new ArrayList<>();
        for (Enrollment e : enrollments) {
            long exit = e.exit() == null ? Long.MAX_VALUE / 2 : e.exit().toEpochDay();
            if (exit >= e.entry().toEpochDay()) {
                periods.add(new long[] {e.entry().toEpochDay(), exit});
            }
        }
        long[][] enrolled = union(periods);
        steps += enrollments.size();
        // the weekdays each counted session owns within the enrollments: spans and enrollments merged in date order
        long[] covered = new long[calendar.counted.size()];
        int k = 0;
        int j = 0;
        while (k < calendar.spanBegin.length && j < enrolled[0].length) {
            steps++;
            long lo = Math.max(calendar.spanBegin[k], enrolled[0][j]);
            long hi = Math.min(calendar.spanEnd[k], enrolled[1][j]);
            if (lo <= hi) {
                covered[calendar.spanOwner[k]] += weekdays(lo, hi);
            }
            if (calendar.spanEnd[k] < enrolled[1][j]) {
                k++;
            } else {
                j++;
            }
        }
        BigDecimal enrolledDays = BigDecimal.ZERO;
        for (int i = 0; i < covered.length; i++) {
            if (calendar.weekdays[i] == 0 || covered[i] == 0) {
                continue;
            }
            long total = calendar.counted.get(i).totalInstructionalDays();
            enrolledDays = enrolledDays.add(covered[i] == calendar.weekdays[i] ? BigDecimal.valueOf(total)
                    : BigDecimal.valueOf(total * covered[i]).divide(BigDecimal.valueOf(calendar.weekdays[i]), 6, RoundingMode.HALF_UP));
        }
        BigDecimal daysEnrolled = halfDays(enrolledDays);
        if (daysEnrolled.signum() <= 0) {
            calendar.steps.addAndGet(steps);
            return Optional.empty();
        }
        TreeMap<LocalDate, BigDecimal> perDay = new TreeMap<>();
        int unmapped = 0;
        for (Event e : events) {
            steps++;
            long day = e.date().toEpochDay();
            if (!within(calendar.inBegin, calendar.inEnd, day) || !within(enrolled[0], enrolled[1], day)) {
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
        calendar.steps.addAndGet(steps);
        return Optional.of(new Attendance(daysEnrolled, daysAbsent, unmapped));
    }

    /** Rounded to the nearest half (half up), written without trailing zeros. */
    static BigDecimal halfDays(BigDecimal v) {
        BigDecimal halves = v.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.HALF_UP);
        BigDecimal r = halves.divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
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

    /** The weekdays (Monday to Friday) from one epoch day to another, both included: arithmetic, not a walk. */
    static long weekdays(long from, long to) {
        return to < from ? 0 : weekdaysBefore(to + 1) - weekdaysBefore(from);
    }

    /** Weekdays before an epoch day, counted from Monday 1970-01-05 (negative before it). */
    private static long weekdaysBefore(long epochDay) {
        long days = epochDay - 4;
        return 5 * Math.floorDiv(days, 7) + Math.min(Math.floorMod(days, 7), 5);
    }

    /** Intervals (epoch days, inclusive) merged where they overlap or touch: begins and ends, in order. */
    private static long[][] union(List<long[]> intervals) {
        intervals.sort(Comparator.comparingLong(a -> a[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] i : intervals) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && i[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], i[1]);
            } else {
                out.add(new long[] {i[0], i[1]});
            }
        }
        long[][] r = new long[2][out.size()];
        for (int k = 0; k < out.size(); k++) {
            r[0][k] = out.get(k)[0];
            r[1][k] = out.get(k)[1];
        }
        return r;
    }

    /** Whether an epoch day lies in one of the disjoint, ordered intervals. */
    private static boolean within(long[] begins, long[] ends, long day) {
        int k = Arrays.binarySearch(begins, day);
        int i = k >= 0 ? k : -k - 2;
        return i >= 0 && day <= ends[i];
    }
}
