package org.portfolio.contracts.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;

import static org.assertj.core.api.Assertions.assertThat;

class SchoolYearTest {

    private static final MonthDay JUNE_30 = MonthDay.of(6, 30);

    @Test
    void parsesOnlyTwoConsecutiveYears() {
        assertThat(SchoolYear.tryParse("2026-27")).contains(new SchoolYear(2026));
        assertThat(SchoolYear.tryParse("2099-00")).contains(new SchoolYear(2099));
        assertThat(SchoolYear.tryParse("2026-28")).isEmpty();
        assertThat(SchoolYear.tryParse("2026/27")).isEmpty();
        assertThat(SchoolYear.tryParse("26-27")).isEmpty();
        assertThat(SchoolYear.tryParse(null)).isEmpty();
        assertThat(new SchoolYear(2099).toString()).isEqualTo("2099-00");
    }

    @Test
    void aSchoolYearRunsFromJulyFirstToJuneThirtieth() {
        SchoolYear y = SchoolYear.parse("2026-27");
        assertThat(y.firstDay(JUNE_30)).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(y.lastDay(JUNE_30)).isEqualTo(LocalDate.of(2027, 6, 30));
        assertThat(SchoolYear.containing(LocalDate.of(2027, 6, 30), JUNE_30)).isEqualTo(y);
        assertThat(SchoolYear.containing(LocalDate.of(2026, 7, 1), JUNE_30)).isEqualTo(y);
        assertThat(SchoolYear.containing(LocalDate.of(2026, 6, 30), JUNE_30)).isEqualTo(new SchoolYear(2025));
    }

    @Test
    void countsTheYearsOfATermBothIncluded() {
        assertThat(SchoolYear.parse("2026-27").yearsThrough(SchoolYear.parse("2030-31"))).isEqualTo(5);
        assertThat(SchoolYear.parse("2026-27").yearsThrough(SchoolYear.parse("2026-27"))).isEqualTo(1);
    }

    /**
     * C4 of the twenty-sixth pass: a contract ended on 1026-06-30 (stored before its date was bounded) made every result
     * reaching it fail on a school year before 1900; it answers for no year now.
     */
    @Test
    void anEndOutsideTheYearsASchoolYearCanBeAnswersForNoYear() {
        assertThat(SchoolYear.tryContaining(LocalDate.of(1026, 6, 30), JUNE_30)).isEmpty();
        assertThat(SchoolYear.tryContaining(LocalDate.of(1900, 6, 30), JUNE_30)).isEmpty();
        assertThat(SchoolYear.tryContaining(LocalDate.of(1900, 7, 1), JUNE_30)).contains(new SchoolYear(1900));
        assertThat(SchoolYear.tryContaining(LocalDate.of(2200, 6, 30), JUNE_30)).contains(new SchoolYear(2199));
        assertThat(SchoolYear.tryContaining(LocalDate.of(2200, 7, 1), JUNE_30)).isEmpty();
        assertThat(Contract.answersLateFor(ContractStatus.NON_RENEWED, LocalDate.of(1026, 6, 30), null,
                SchoolYear.parse("2026-27"), JUNE_30)).isFalse();
        assertThat(Contract.answersLateFor(ContractStatus.NON_RENEWED, LocalDate.of(2027, 6, 30), null,
                SchoolYear.parse("2026-27"), JUNE_30)).isTrue();
        assertThat(Contract.answersLateFor(ContractStatus.NON_RENEWED, LocalDate.of(1900, 7, 1), null,
                SchoolYear.parse("2026-27"), JUNE_30)).isFalse();
        assertThat(Contract.answersLateFor(ContractStatus.NON_RENEWED, LocalDate.of(1900, 7, 1), null,
                SchoolYear.parse("1900-01"), JUNE_30)).isTrue();
    }
}
