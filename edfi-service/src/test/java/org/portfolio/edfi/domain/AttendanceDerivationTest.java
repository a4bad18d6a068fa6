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
        // a student enrolled for the spring only: the year-round session's days in proportion to its weekdays
        // (2021-08-23 .. 2022-05-27: 200 weekdays; 2022-01-04 .. 2022-05-27: 104 of them) → 180 x 104 / 200 = 93.6 → 93.5
        var a = AttendanceDerivation.derive(List.of(yearRound, fall, spring),
                List.of(new AttendanceDerivation.Enrollment(LocalDate.of(2022, 1, 4), null)), List.of(), MAP).orElseThrow();
        assertThat(a.daysEnrolled()).isEqualByComparingTo("93.5");
    }
}
