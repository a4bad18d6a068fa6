package org.portfolio.performance.domain;

import java.util.UUID;

/** A school and a school year: the unit metrics and ratings are recomputed for. */
public record SchoolYearKey(UUID schoolId, String schoolYear) implements Comparable<SchoolYearKey> {

    /** The advisory-lock key that serialises every recomputation of this school and year. */
    public long lockKey() {
        long h = schoolId.getMostSignificantBits() * 31 + schoolId.getLeastSignificantBits();
        return h * 31 + SchoolYear.startYear(schoolYear);
    }

    @Override
    public int compareTo(SchoolYearKey o) {
        int c = schoolId.compareTo(o.schoolId);
        return c != 0 ? c : schoolYear.compareTo(o.schoolYear);
    }
}
