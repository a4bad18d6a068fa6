package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per school and year, histograms computed set-based from the student records: students per performance level and
 * per growth percentile, by subject (each student counted once per subject, with their best result), and the
 * attendance counts. Metric values derive from them for any proficient level and any set of subjects.
 */
public final class StudentAggregates {

    /** subject → level (1–5) → students. */
    private final Map<String, long[]> levels = new HashMap<>();
    /** subject → growth percentile (1–99) → students. */
    private final Map<String, long[]> growth = new HashMap<>();
    /** Students by the set of subjects they were tested in ("ELA,MATH"): a metric over several subjects counts each once. */
    private final Map<String, Long> testedBySubjects = new HashMap<>();
    /** Students by the set of subjects they have a growth percentile in. */
    private final Map<String, Long> growthBySubjects = new HashMap<>();
    private long attendanceN;
    private long chronicallyAbsent;
    private boolean hasAttendance;

    public void addLevel(String subject, int level, long students) {
        levels.computeIfAbsent(subject, s -> new long[6])[level] += students;
    }

    public void addGrowth(String subject, int percentile, long students) {
        growth.computeIfAbsent(subject, s -> new long[100])[percentile] += students;
    }

    /** {@code students} were tested in exactly these subjects (comma-separated, each once). */
    public void addTestedIn(String subjects, long students) {
        testedBySubjects.merge(subjects, students, Long::sum);
    }

    /** {@code students} have a growth percentile in exactly these subjects (comma-separated, each once). */
    public void addGrowthIn(String subjects, long students) {
        growthBySubjects.merge(subjects, students, Long::sum);
    }

    /** How many distinct sets of subjects the students were tested in or have growth in (bounded by the catalog's subjects). */
    public int subjectSets() {
        return testedBySubjects.size() + growthBySubjects.size();
    }

    /** Distinct students tested in any of the subjects. */
    public long studentsTested(Collection<String> subjects) {
        return studentsIn(testedBySubjects, subjects);
    }

    /** Distinct students with a growth percentile in any of the subjects. */
    public long studentsWithGrowth(Collection<String> subjects) {
        return studentsIn(growthBySubjects, subjects);
    }

    private static long studentsIn(Map<String, Long> bySet, Collection<String> subjects) {
        long n = 0;
        for (Map.Entry<String, Long> e : bySet.entrySet()) {
            for (String s : e.getKey().split(",")) {
                if (subjects.contains(s)) {
                    n += e.getValue();
                    break;
                }
            }
        }
        return n;
    }

    public void setAttendance(long n, long chronic) {
        hasAttendance = true;
        attendanceN = n;
        chronicallyAbsent = chronic;
    }

    /**
     * (results tested, proficient among them) over the subjects, or null when none was tested: a student tested in two
     * of the subjects counts twice here; {@link #studentsTested} gives the distinct students (the metric's n).
     */
    public long[] proficiency(Collection<String> subjects, int proficientLevel) {
        long n = 0;
        long p = 0;
        for (String s : subjects) {
            long[] l = levels.get(s);
            if (l == null) {
                continue;
            }
            for (int i = 1; i <= 5; i++) {
                n += l[i];
                if (i >= proficientLevel) {
                    p += l[i];
                }
            }
        }
        return n == 0 ? null : new long[]{n, p};
    }

    /**
     * Median growth percentile over the subjects (mean of the two middle values for an even count; a student tested in
     * two of them counts in the median twice), with its n: the distinct students behind it (review of 2026-12-05: n
     * counted percentiles, so 5 students with ELA and MATH percentiles showed n 10 and passed a minimum n of 10).
     */
    public Median medianGrowth(Collection<String> subjects) {
        long[] all = new long[100];
        long n = 0;
        for (String s : subjects) {
            long[] g = growth.get(s);
            if (g == null) {
                continue;
            }
            for (int i = 1; i < 100; i++) {
                all[i] += g[i];
                n += g[i];
            }
        }
        if (n == 0) {
            return null;
        }
        int lower = nth(all, (n - 1) / 2);
        int upper = nth(all, n / 2);
        BigDecimal median = BigDecimal.valueOf(lower + upper).divide(BigDecimal.valueOf(2));
        long students = studentsWithGrowth(subjects);
        return new Median(Decimals.clean(median), students > 0 ? students : n);
    }

    private static int nth(long[] histogram, long index) {
        long seen = 0;
        for (int i = 1; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen > index) {
                return i;
            }
        }
        throw new IllegalStateException("index beyond histogram");
    }

    /** (students enrolled ≥ 10 days, chronically absent among them), or null without attendance data. */
    public long[] chronicAbsence() {
        return hasAttendance && attendanceN > 0 ? new long[]{attendanceN, chronicallyAbsent} : null;
    }

    public record Median(BigDecimal value, long n) {
    }

    /** A per-school-year map that creates entries on demand. */
    public static final class ByKey {
        private final Map<SchoolYearKey, StudentAggregates> map = new TreeMap<>();

        public StudentAggregates get(SchoolYearKey k) {
            return map.computeIfAbsent(k, x -> new StudentAggregates());
        }

        public Map<SchoolYearKey, StudentAggregates> all() {
            return map;
        }

        public List<SchoolYearKey> keys() {
            return new ArrayList<>(map.keySet());
        }
    }
}
