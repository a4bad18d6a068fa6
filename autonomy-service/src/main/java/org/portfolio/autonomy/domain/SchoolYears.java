package org.portfolio.autonomy.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** School years written {@code "2026-27"}: they run from a start day (1 July by default) to the day before the next. */
public final class SchoolYears {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})-(\\d{2})");

    private SchoolYears() {
    }

    public static boolean isValid(String year) {
        if (year == null) {
            return false;
        }
        Matcher m = YEAR.matcher(year);
        return m.matches() && (Integer.parseInt(m.group(1)) + 1) % 100 == Integer.parseInt(m.group(2));
    }

    /** The calendar year the school year starts in: {@code "2026-27"} → 2026. */
    public static int startYear(String year) {
        if (!isValid(year)) {
            throw new IllegalArgumentException("not a school year like 2026-27: " + year);
        }
        return Integer.parseInt(year.substring(0, 4));
    }

    public static String of(int startYear) {
        return startYear + "-" + String.format("%02d", (startYear + 1) % 100);
    }

    public static String previous(String year) {
        return of(startYear(year) - 1);
    }

    /** First day of the school year. */
    public static LocalDate firstDay(String year, MonthDay yearStart) {
        return yearStart.atYear(startYear(year));
    }

    /** Last day of the school year. */
    public static LocalDate lastDay(String year, MonthDay yearStart) {
        return yearStart.atYear(startYear(year) + 1).minusDays(1);
    }
}
