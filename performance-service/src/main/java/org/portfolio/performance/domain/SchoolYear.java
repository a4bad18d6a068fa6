package org.portfolio.performance.domain;

import java.util.regex.Pattern;

/** A school year {@code "2026-27"}: two consecutive calendar years. Student tables store its first year. */
public final class SchoolYear {

    /** Its shape, for the API documents (the years must also follow each other: {@link #problem}). */
    public static final String PATTERN = "^\\d{4}-\\d{2}$";
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{2})");

    private SchoolYear() {
    }

    /** @return null when valid, else what is wrong */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be blank";
        }
        var m = FORMAT.matcher(value);
        if (!m.matches()) {
            return "must be a school year like 2026-27";
        }
        int start = Integer.parseInt(m.group(1));
        int end = Integer.parseInt(m.group(2));
        if ((start + 1) % 100 != end) {
            return "must be two consecutive years, like 2026-27";
        }
        if (start < 1990 || start > 2200) {
            return "must be between 1990-91 and 2200-01";
        }
        return null;
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    public static int startYear(String value) {
        return Integer.parseInt(value.substring(0, 4));
    }

    public static String of(int startYear) {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }

    public static String previous(String value) {
        return of(startYear(value) - 1);
    }
}
