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
}
