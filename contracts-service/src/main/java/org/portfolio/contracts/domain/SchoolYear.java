package org.portfolio.contracts.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A school year such as {@code 2026-27}: it runs from the day after the previous year's last day to its own last
 * day ({@code lastDay}, e.g. 30 June, configurable) in its second calendar year.
 */
public record SchoolYear(int startCalendarYear) implements Comparable<SchoolYear> {

    public static final String PATTERN = "\\d{4}-\\d{2}";
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})");

    public SchoolYear {
        if (startCalendarYear < 1900 || startCalendarYear > 2199) {
            throw new IllegalArgumentException("school year out of range: " + startCalendarYear);
        }
    }

    /** Parses {@code 2026-27}; empty when the text is not a school year of two consecutive calendar years. */
    public static Optional<SchoolYear> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        if ((start + 1) % 100 != end || start < 1900 || start > 2199) {
            return Optional.empty();
        }
        return Optional.of(new SchoolYear(start));
    }

    public static SchoolYear parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "not a school year: " + text + " (use two consecutive years, e.g. 2026-27)"));
    }

    /** The school year a date falls in. */
    public static SchoolYear containing(LocalDate date, MonthDay lastDay) {
        LocalDate endThisCalendarYear = lastDay.atYear(date.getYear());
        return new SchoolYear(date.isAfter(endThisCalendarYear) ? date.getYear() : date.getYear() - 1);
    }

    /** The school year containing the date; empty when that year is outside 1900-01 to 2199-00. */
    public static Optional<SchoolYear> tryContaining(LocalDate date, MonthDay lastDay) {
        int start = date.isAfter(lastDay.atYear(date.getYear())) ? date.getYear() : date.getYear() - 1;
        return start < 1900 || start > 2199 ? Optional.empty() : Optional.of(new SchoolYear(start));
    }

    public SchoolYear plusYears(int years) {
        return new SchoolYear(startCalendarYear + years);
    }

    public LocalDate lastDay(MonthDay lastDay) {
        return lastDay.atYear(startCalendarYear + 1);
    }

    public LocalDate firstDay(MonthDay lastDay) {
        return lastDay.atYear(startCalendarYear).plusDays(1);
    }

    /** Years from this one to {@code end}, both included (2026-27 … 2030-31 is 5). */
    public int yearsThrough(SchoolYear end) {
        return end.startCalendarYear - startCalendarYear + 1;
    }

    @Override
    public int compareTo(SchoolYear o) {
        return Integer.compare(startCalendarYear, o.startCalendarYear);
    }

    @Override
    public String toString() {
        return String.format("%04d-%02d", startCalendarYear, (startCalendarYear + 1) % 100);
    }
}
