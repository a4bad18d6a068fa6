package org.portfolio.edfi.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceDerivationTest {

    static final String NS = "uri://ed-fi.org/AttendanceEventCategoryDescriptor";
    static final List<AttendanceDerivation.Session> YEAR = List.of(
            new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2021, 12, 17), 81),
            new AttendanceDerivation.Session(LocalDate.of(2022, 1, 4), LocalDate.of(2022, 5, 27), 88));
    static final Map<Descriptor, AttendanceDerivation.Category> MAP = Map.of(
            new Descriptor(NS, "Excused Absence"), new AttendanceDerivation.Category(true, BigDecimal.ONE),
            new Descriptor(NS, "Partial"), new AttendanceDerivation.Category(true, new BigDecimal("0.5")),
            new Descriptor(NS, "Tardy"), new AttendanceDerivation.Category(false, BigDecimal.ZERO));

    static AttendanceDerivation.Event ev(String date, String code, String duration) {
        return new AttendanceDerivation.Event(LocalDate.parse(date), new Descriptor(NS, code), duration == null ? null : new BigDecimal(duration));
    }

    @Test
    void aWholeYearCountsTheSessionsInstructionalDays() {
        var a = AttendanceDerivation.derive(YEAR, List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2021, 8, 23), null)),
                List.of(ev("2021-09-01", "Excused Absence", null), ev("2021-09-02", "Tardy", null), ev("2022-02-01", "Partial", null),
                        ev("2021-09-01", "Partial", null)), MAP).orElseThrow();
        assertThat(a.daysEnrolled()).isEqualByComparingTo("169");
        // 1 (a day at most, Partial the same day adds nothing) + 0.5
        assertThat(a.daysAbsent()).isEqualByComparingTo("1.5");
    }

    @Test
    void aPartialEnrollmentCountsInProportionToWeekdaysAndOnlyItsEvents() {
        // fall session: 2021-08-23 .. 2021-12-17 has 85 weekdays; enrolled from 2021-10-18 (45 weekdays remain)
        var a = AttendanceDerivation.derive(YEAR, List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2021, 10, 18), LocalDate.of(2021, 12, 17))),
                List.of(ev("2021-09-01", "Excused Absence", null), ev("2021-11-01", "Excused Absence", "0.5")), MAP).orElseThrow();
        // 81 x 45 / 85 = 42.88 → 43
        assertThat(a.daysEnrolled()).isEqualByComparingTo("43");
        assertThat(a.daysAbsent()).isEqualByComparingTo("0.5");
    }

    @Test
    void nothingIsDerivedWithoutAnEnrolledDayAndUnmappedEventsAreCountedNotGuessed() {
        assertThat(AttendanceDerivation.derive(YEAR, List.of(), List.of(ev("2021-09-01", "Excused Absence", null)), MAP)).isEmpty();
        var a = AttendanceDerivation.derive(YEAR, List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2021, 8, 23), null)),
                List.of(ev("2021-09-01", "Sick", null)), MAP).orElseThrow();
        assertThat(a.daysAbsent()).isEqualByComparingTo("0");
        assertThat(a.unmappedEvents()).isEqualTo(1);
    }

    @Test
    void overlappingSessionsCountEachDayOnceForTheLongestSession() {
        // Ed-Fi allows a school year's sessions to overlap, and SIS exports send them: Year Round with Fall and Spring
        // in it (and quarters within those); summing every session's instructional days gave 360 here
        var yearRound = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2022, 5, 27), 180);
        var fall = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2021, 12, 17), 82);
        var spring = new AttendanceDerivation.Session(LocalDate.of(2022, 1, 4), LocalDate.of(2022, 5, 27), 98);
        var q1 = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2021, 10, 22), 43);
        List<AttendanceDerivation.Event> absent20 = new java.util.ArrayList<>();
        for (LocalDate d = LocalDate.of(2021, 9, 1); absent20.size() < 20; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 5) {
                absent20.add(ev(d.toString(), "Excused Absence", null));
            }
        }
        var fullYear = List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2021, 8, 23), null));
        for (var sessions : List.of(List.of(yearRound, fall, spring), List.of(spring, fall, yearRound), List.of(fall, q1, yearRound, spring))) {
            var a = AttendanceDerivation.derive(sessions, fullYear, absent20, MAP).orElseThrow();
            assertThat(a.daysEnrolled()).as("sessions %s", sessions).isEqualByComparingTo("180");
            assertThat(a.daysAbsent()).isEqualByComparingTo("20");
        }
        // a student enrolled for the spring only: Fall and Spring add up to Year Round, so Spring's own 98 (was the
        // year-round session's days in proportion to its weekdays, 180 x 104 / 200 = 93.5: review of 2026-12-06)
        var a = AttendanceDerivation.derive(List.of(yearRound, fall, spring),
                List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2022, 1, 4), null)), List.of(), MAP).orElseThrow();
        assertThat(a.daysEnrolled()).isEqualByComparingTo("98");
    }

    static final AttendanceDerivation.Session YEAR_ROUND = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2022, 5, 27), 180);
    static final AttendanceDerivation.Session FALL = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2021, 12, 17), 82);
    static final AttendanceDerivation.Session SPRING = new AttendanceDerivation.Session(LocalDate.of(2022, 1, 4), LocalDate.of(2022, 5, 27), 98);
    static final AttendanceDerivation.Session Q1 = new AttendanceDerivation.Session(LocalDate.of(2021, 8, 23), LocalDate.of(2021, 10, 22), 43);
    static final AttendanceDerivation.Session Q2 = new AttendanceDerivation.Session(LocalDate.of(2021, 10, 25), LocalDate.of(2021, 12, 17), 39);
    static final AttendanceDerivation.Session Q3 = new AttendanceDerivation.Session(LocalDate.of(2022, 1, 4), LocalDate.of(2022, 3, 11), 49);
    static final AttendanceDerivation.Session Q4 = new AttendanceDerivation.Session(LocalDate.of(2022, 3, 14), LocalDate.of(2022, 5, 27), 49);

    static String daysEnrolled(List<AttendanceDerivation.Session> sessions, String entry, String exit) {
        return AttendanceDerivation.derive(sessions, List.of(new AttendanceDerivation.Enrollment(LocalDate.parse(entry),
                exit == null ? null : LocalDate.parse(exit))), List.of(), MAP).orElseThrow().daysEnrolled().toPlainString();
    }

    @Test
    void sessionsThatAddUpToTheSessionTheyLieInCountForIt() {
        // Year Round 180 (200 weekdays) = Fall 82 + Spring 98; a part-year student got 180 x 85 / 200 = 76.5 for the
        // fall and 93.5 for the spring, and 8 absences read 10.5 % (chronic) instead of 9.8 % (review of 2026-12-06)
        for (var sessions : List.of(List.of(YEAR_ROUND, FALL, SPRING), List.of(SPRING, YEAR_ROUND, FALL),
                // quarters within the semesters, adding up to them: level by level
                List.of(YEAR_ROUND, FALL, SPRING, Q1, Q2, Q3, Q4), List.of(Q4, Q3, SPRING, Q2, YEAR_ROUND, Q1, FALL),
                // quarters alone within the year
                List.of(YEAR_ROUND, Q1, Q2, Q3, Q4))) {
            assertThat(daysEnrolled(sessions, "2021-08-23", null)).as("full year %s", sessions).isEqualTo("180");
            assertThat(daysEnrolled(sessions, "2021-08-23", "2021-12-17")).as("fall only %s", sessions).isEqualTo("82");
            assertThat(daysEnrolled(sessions, "2022-01-04", null)).as("spring only %s", sessions).isEqualTo("98");
            List<AttendanceDerivation.Event> absent8 = new java.util.ArrayList<>();
            for (LocalDate d = LocalDate.of(2022, 2, 1); absent8.size() < 8; d = d.plusDays(1)) {
                if (d.getDayOfWeek().getValue() <= 5) {
                    absent8.add(ev(d.toString(), "Excused Absence", null));
                }
            }
            var spring = AttendanceDerivation.derive(sessions, List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2022, 1, 4), null)),
                    absent8, MAP).orElseThrow();
            assertThat(spring.daysAbsent()).isEqualByComparingTo("8"); // 8 / 98 = 8.2 %, not 8 / 93.5
        }
        // with the quarters, a student enrolled for the second quarter only counts its 39 days
        assertThat(daysEnrolled(List.of(YEAR_ROUND, FALL, SPRING, Q1, Q2, Q3, Q4), "2021-10-25", "2021-12-17")).isEqualTo("39");
    }

    @Test
    void sessionsThatDoNotAddUpOrPartlyOverlapStillCountEachWeekdayOnceForTheLongest() {
        // quarters that do not add up to their semester (40 + 39 = 79, not 82): the semester counts, the quarters nothing;
        // the semesters still add up to the year
        var q1short = new AttendanceDerivation.Session(Q1.begin(), Q1.end(), 40);
        var sessions = List.of(YEAR_ROUND, FALL, SPRING, q1short, Q2);
        assertThat(AttendanceDerivation.calendar(sessions).counted()).containsExactly(FALL, SPRING, q1short, Q2);
        assertThat(daysEnrolled(sessions, "2021-08-23", null)).isEqualTo("180");
        assertThat(daysEnrolled(sessions, "2021-08-23", "2021-12-17")).isEqualTo("82");
        // semesters that do not add up to the year (80 + 98): the year counts, in proportion to its weekdays, as before
        var fall80 = new AttendanceDerivation.Session(FALL.begin(), FALL.end(), 80);
        assertThat(daysEnrolled(List.of(YEAR_ROUND, fall80, SPRING), "2021-08-23", null)).isEqualTo("180");
        assertThat(daysEnrolled(List.of(YEAR_ROUND, fall80, SPRING), "2022-01-04", null)).isEqualTo("93.5");
        // a fall and a spring that partly overlap inside the year: they do not divide it (the year counts), and on their
        // own the longer one counts the overlap, the other its days in proportion to the weekdays left to it
        var lateFall = new AttendanceDerivation.Session(FALL.begin(), LocalDate.of(2022, 1, 7), 82); // 100 weekdays
        assertThat(AttendanceDerivation.calendar(List.of(YEAR_ROUND, lateFall, SPRING)).counted()).containsExactly(YEAR_ROUND, lateFall, SPRING);
        assertThat(daysEnrolled(List.of(YEAR_ROUND, lateFall, SPRING), "2021-08-23", null)).isEqualTo("180");
        // Spring (104 weekdays) is longer than lateFall (100) and counts 2022-01-04 .. 07: 98 + 82 x 96 / 100 = 176.72 → 176.5
        assertThat(daysEnrolled(List.of(lateFall, SPRING), "2021-08-23", null)).isEqualTo("176.5");
    }

    @Test
    void theSessionsAreResolvedOnceAndEachStudentCostsTheSameWhateverTheSessionsLength() {
        // a session of 2000-01-01 to 9999-12-31 stored before the door refused it (review of 2026-12-06: ownership was
        // looked up per day of every session, per student: days x sessions^2 per student)
        var centuries = new AttendanceDerivation.Session(LocalDate.of(2000, 1, 1), LocalDate.of(9999, 12, 31), 366);
        var sessions = List.of(YEAR_ROUND, FALL, SPRING, Q1, Q2, Q3, Q4, centuries);
        AttendanceDerivation.Calendar calendar = AttendanceDerivation.calendar(sessions);
        long resolved = calendar.steps();
        // resolving: about sessions^2 steps, whatever their length
        assertThat(resolved).isLessThan(sessions.size() * sessions.size() * 4L);
        var events = List.of(ev("2021-09-01", "Excused Absence", null), ev("2022-02-01", "Partial", null));
        var enrollment = List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2021, 8, 23), null));
        var first = AttendanceDerivation.derive(calendar, enrollment, events, MAP).orElseThrow();
        long perStudent = calendar.steps() - resolved;
        for (int i = 1; i < 1000; i++) {
            assertThat(AttendanceDerivation.derive(calendar, enrollment, events, MAP).orElseThrow()).isEqualTo(first);
        }
        // 1,000 students: 1,000 times one student's work, and that a handful of steps (per enrollment, span and event)
        assertThat(calendar.steps() - resolved).isEqualTo(1000 * perStudent);
        assertThat(perStudent).isLessThan(20);
        // the centuries-long session is the longest and owns every weekday: 366 x 2,081,455 / 2,087,100 = 365.01 → 365
        assertThat(first.daysEnrolled()).isEqualByComparingTo("365");
        assertThat(first.daysAbsent()).isEqualByComparingTo("1.5");
    }

    @Test
    void spansAndArithmeticCountAsADayByDayWalkDoes() {
        // the weekdays each session owns within the enrollments, counted by spans and arithmetic, against a walk over
        // every day (the derivation before the review of 2026-12-06) of the sessions that count, on random calendars
        java.util.Random random = new java.util.Random(20261206);
        LocalDate start = LocalDate.of(2021, 7, 1);
        for (int run = 0; run < 2000; run++) {
            List<AttendanceDerivation.Session> sessions = new java.util.ArrayList<>();
            for (int i = random.nextInt(6); i >= 0; i--) {
                LocalDate b = start.plusDays(random.nextInt(400));
                sessions.add(new AttendanceDerivation.Session(b, b.plusDays(random.nextInt(300) - 5), random.nextInt(200)));
            }
            List<AttendanceDerivation.Enrollment> enrollments = new java.util.ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                LocalDate e = start.plusDays(random.nextInt(420) - 10);
                enrollments.add(new AttendanceDerivation.Enrollment(e, random.nextInt(4) == 0 ? null : e.plusDays(random.nextInt(250) - 5)));
            }
            BigDecimal expected = dayByDay(AttendanceDerivation.calendar(sessions).counted(), enrollments);
            var derived = AttendanceDerivation.derive(sessions, enrollments, List.of(), MAP);
            assertThat(derived.map(AttendanceDerivation.Attendance::daysEnrolled).orElse(BigDecimal.ZERO))
                    .as("sessions %s, enrollments %s", sessions, enrollments).isEqualByComparingTo(expected);
        }
    }

    /** Days enrolled by a walk over every day: each weekday for the longest session covering it (the old derivation). */
    static BigDecimal dayByDay(List<AttendanceDerivation.Session> sessions, List<AttendanceDerivation.Enrollment> enrollments) {
        int n = sessions.size();
        long[] weekdays = new long[n];
        long[] covered = new long[n];
        for (int i = 0; i < n; i++) {
            for (LocalDate d = sessions.get(i).begin(); !d.isAfter(sessions.get(i).end()); d = d.plusDays(1)) {
                weekdays[i] += d.getDayOfWeek().getValue() <= 5 ? 1 : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            for (LocalDate d = sessions.get(i).begin(); !d.isAfter(sessions.get(i).end()); d = d.plusDays(1)) {
                if (d.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                int owner = -1;
                for (int j = 0; j < n; j++) {
                    var s = sessions.get(j);
                    if (d.isBefore(s.begin()) || d.isAfter(s.end())) {
                        continue;
                    }
                    if (owner < 0) {
                        owner = j;
                        continue;
                    }
                    var o = sessions.get(owner);
                    int c = weekdays[j] != weekdays[owner] ? Long.compare(weekdays[j], weekdays[owner])
                            : s.totalInstructionalDays() != o.totalInstructionalDays() ? Integer.compare(s.totalInstructionalDays(), o.totalInstructionalDays())
                            : !s.begin().equals(o.begin()) ? o.begin().compareTo(s.begin()) : o.end().compareTo(s.end());
                    if (c > 0) {
                        owner = j;
                    }
                }
                final LocalDate day = d;
                if (owner == i && enrollments.stream().anyMatch(e -> !day.isBefore(e.entry()) && (e.exit() == null || !day.isAfter(e.exit())))) {
                    covered[i]++;
                }
            }
        }
        BigDecimal enrolled = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            if (weekdays[i] == 0 || covered[i] == 0) {
                continue;
            }
            long total = sessions.get(i).totalInstructionalDays();
            enrolled = enrolled.add(covered[i] == weekdays[i] ? BigDecimal.valueOf(total)
                    : BigDecimal.valueOf(total * covered[i]).divide(BigDecimal.valueOf(weekdays[i]), 6, java.math.RoundingMode.HALF_UP));
        }
        return AttendanceDerivation.halfDays(enrolled);
    }
}
