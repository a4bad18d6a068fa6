package org.portfolio.edfi.domain;

/** One student's attendance record of one school and school year: what is derived and sent to performance-service. */
public record StudentYear(long schoolId, int schoolYear, String studentUniqueId) implements Comparable<StudentYear> {

    @Override
    public int compareTo(StudentYear o) {
        int c = Long.compare(schoolId, o.schoolId);
        if (c == 0) {
            c = Integer.compare(schoolYear, o.schoolYear);
        }
        return c != 0 ? c : studentUniqueId.compareTo(o.studentUniqueId);
    }

    /** Ed-Fi's school year (the year it ends, 2022) as the suite writes it: 2021-22. */
    public static String suiteSchoolYear(int edfiSchoolYear) {
        int start = edfiSchoolYear - 1;
        return start + "-" + String.format("%02d", edfiSchoolYear % 100);
    }
}
