package org.portfolio.edfi.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A student's assessment record of one assessment and school year, derived from Ed-Fi resources (docs/edfi.md):
 *
 * <ul>
 *   <li><b>subject</b>: the assessment's academicSubjects through the district's subject mapping (all mapped, to one
 *   subject of the suite; none when the assessment is not stored yet);</li>
 *   <li><b>performance level</b>: the highest mapped level among the studentAssessment's performanceLevels;
 *   <b>scale score</b>: the first scoreResult whose reporting method the district maps as the scale score (a whole
 *   number 0–100,000; left out otherwise); <b>grade</b>: whenAssessedGradeLevelDescriptor of Ed-Fi's own namespace
 *   (Kindergarten → K, First grade → 1, …; another namespace's is left out);</li>
 *   <li>a studentAssessment with a reasonNotTestedDescriptor is NOT_TESTED (no level, no score); one without a
 *   performance level and without a reason gives nothing;</li>
 *   <li>several studentAssessments of the same student, assessment and year (a retest) give one record: the best
 *   (highest level, then highest scale score; a tested one before a not tested one);</li>
 *   <li><b>school</b>: the reported school of that studentAssessment, else the student's enrollment of that school year
 *   (an enrollment of the year: its schoolYear, else its dates overlap 1 July – 30 June), the one covering the
 *   administration date when there are several schools; nothing when it stays ambiguous. For a district
 *   administrator's result of no school the caller passes only the enrollments a district-wide writer wrote last
 *   (docs/security.md T27).</li>
 * </ul>
 */
public final class AssessmentDerivation {

    /** Ed-Fi's own grade level descriptors and the suite's grades. */
    public static final String EDFI_GRADE_NAMESPACE = "uri://ed-fi.org/GradeLevelDescriptor";
    static final Map<String, String> EDFI_GRADES = Map.ofEntries(Map.entry("Preschool/Prekindergarten", "PK"),
            Map.entry("Kindergarten", "K"), Map.entry("First grade", "1"), Map.entry("Second grade", "2"),
            Map.entry("Third grade", "3"), Map.entry("Fourth grade", "4"), Map.entry("Fifth grade", "5"),
            Map.entry("Sixth grade", "6"), Map.entry("Seventh grade", "7"), Map.entry("Eighth grade", "8"),
            Map.entry("Ninth grade", "9"), Map.entry("Tenth grade", "10"), Map.entry("Eleventh grade", "11"),
            Map.entry("Twelfth grade", "12"));

    /** A score result: its reporting method and the result as posted. */
    public record Score(Descriptor method, String result) {
    }

    /** One studentAssessment, as the derivation reads it. */
    public record Result(Long reportedSchool, LocalDate administered, Descriptor grade, boolean notTested,
                         List<Descriptor> performanceLevels, List<Score> scores) {
    }

    /** An enrollment of the student (any school); schoolYear null when the SIS did not give one. */
    public record Enrollment(long school, LocalDate entry, LocalDate exit, Integer schoolYear) {

        boolean ofYear(int year) {
            if (schoolYear != null) {
                return schoolYear == year;
            }
            LocalDate begin = LocalDate.of(year - 1, 7, 1);
            LocalDate end = LocalDate.of(year, 6, 30);
            return !entry.isAfter(end) && (exit == null || !exit.isBefore(begin));
        }

        boolean covers(LocalDate d) {
            return !d.isBefore(entry) && (exit == null || !d.isAfter(exit));
        }
    }

    /** The district's mappings the derivation reads. */
    public record Mappings(Map<Descriptor, Integer> levels, Map<Descriptor, String> subjects, Set<Descriptor> scaleScores) {
    }

    /** The derived record (school = the Ed-Fi school id), or why there is none. */
    public record Derived(long school, String subject, String gradeLevel, Integer performanceLevel, Integer scaleScore,
                         String participation) {
    }

    /** What derivation gave: a record, or none and why (a reason without personal data). */
    public record Outcome(Optional<Derived> record, String why) {
        static Outcome none(String why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    private AssessmentDerivation() {
    }

    /**
     * performance-service's testCode of an Ed-Fi assessment (1–40 letters, digits or . _ -): up to 29 characters of its
     * identifier (other characters as _), a hyphen and 10 hex digits of the SHA-256 of namespace#identifier, so that two
     * assessments never share a code. "SA-2011-Mathematics-Eighth grade" → "SA-2011-Mathematics-Eighth_gr-…".
     */
    public static String testCode(String namespace, String assessmentIdentifier) {
        String readable = assessmentIdentifier.replaceAll("[^A-Za-z0-9._\\-]", "_");
        if (readable.length() > 29) {
            readable = readable.substring(0, 29);
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((namespace + "#" + assessmentIdentifier).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return readable + "-" + java.util.HexFormat.of().formatHex(d, 0, 5);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The school of a result: its reported school, else the student's enrollment of the year (see the class comment). */
    public static Long schoolOf(Long reported, LocalDate administered, int schoolYear, List<Enrollment> enrollments) {
        return school(new Result(reported, administered, null, false, List.of(), List.of()), schoolYear, enrollments);
    }

    /**
     * @param subjects the assessment's academic subject descriptors; null when the assessment is not stored
     */
    public static Outcome derive(int schoolYear, List<Descriptor> subjects, List<Result> results, List<Enrollment> enrollments,
                                 Mappings m) {
        return derive(schoolYear, subjects, Map.of(), results, enrollments, m);
    }

    /** A score range an assessment declares for a reporting method (its scores[]: minimumScore to maximumScore). */
    public record Range(BigDecimal min, BigDecimal max) {
        boolean holds(int value) {
            BigDecimal v = BigDecimal.valueOf(value);
            return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
        }
    }

    /**
     * @param ranges the assessment's declared score ranges by reporting method: a scale score outside its range is not
     *               taken (hostile review of the twenty-fourth pass, N3: 99,999 against a declared 100–950 became the
     *               record's scale score and won a retest's tie-break)
     */
    public static Outcome derive(int schoolYear, List<Descriptor> subjects, Map<Descriptor, Range> ranges, List<Result> results,
                                 List<Enrollment> enrollments, Mappings m) {
        if (results.isEmpty()) {
            return Outcome.none("no studentAssessment");
        }
        if (subjects == null) {
            return Outcome.none("assessment not stored");
        }
        Set<String> mapped = new TreeSet<>();
        for (Descriptor d : subjects) {
            String s = m.subjects().get(d);
            if (s == null) {
                return Outcome.none("academic subject not mapped");
            }
            mapped.add(s);
        }
        if (mapped.size() != 1) {
            return Outcome.none(mapped.isEmpty() ? "assessment without an academic subject" : "assessment of several subjects");
        }
        String subject = mapped.iterator().next();
        Result best = null;
        Integer bestLevel = null;
        Integer bestScale = null;
        for (Result r : results) {
            Integer level = level(r, m);
            Integer scale = r.notTested() ? null : scale(r, m, ranges);
            if (!r.notTested() && level == null) {
                continue;
            }
            if (best == null || better(r, level, scale, best, bestLevel, bestScale)) {
                best = r;
                bestLevel = level;
                bestScale = scale;
            }
        }
        if (best == null) {
            return Outcome.none("no performance level");
        }
        Long school = school(best, schoolYear, enrollments);
        if (school == null) {
            return Outcome.none("no school: neither a reported school nor one enrollment of the year");
        }
        String grade = best.grade() != null && best.grade().namespace().equals(EDFI_GRADE_NAMESPACE)
                ? EDFI_GRADES.get(best.grade().codeValue()) : null;
        return new Outcome(Optional.of(best.notTested()
                ? new Derived(school, subject, grade, null, null, "NOT_TESTED")
                : new Derived(school, subject, grade, bestLevel, bestScale, null)), null);
    }

    private static boolean better(Result r, Integer level, Integer scale, Result best, Integer bestLevel, Integer bestScale) {
        if (r.notTested() != best.notTested()) {
            return !r.notTested();
        }
        if (r.notTested()) {
            return false;
        }
        if (!level.equals(bestLevel)) {
            return level > bestLevel;
        }
        return scale != null && (bestScale == null || scale > bestScale);
    }

    /** The highest mapped level of the result; null when none is mapped. */
    static Integer level(Result r, Mappings m) {
        Integer out = null;
        for (Descriptor d : r.performanceLevels()) {
            Integer l = m.levels().get(d);
            if (l != null && (out == null || l > out)) {
                out = l;
            }
        }
        return out;
    }

    /**
     * The first score result of a method mapped as the scale score, when it is a whole number from 0 to 100,000 and
     * within the range the assessment declares for the method, if it declares one.
     */
    static Integer scale(Result r, Mappings m, Map<Descriptor, Range> ranges) {
        for (Score s : r.scores()) {
            if (m.scaleScores().contains(s.method())) {
                Integer v = wholeScore(s.result());
                Range range = ranges.get(s.method());
                return v == null || range == null || range.holds(v) ? v : null;
            }
        }
        return null;
    }

    /** A declared range from an assessment's bounds when both are numbers and the minimum is not above the maximum. */
    public static Range range(String min, String max) {
        BigDecimal lo = decimal(min);
        BigDecimal hi = decimal(max);
        return lo == null || hi == null || lo.compareTo(hi) > 0 ? null : new Range(lo, hi);
    }

    /** True when both bounds are numbers and the minimum is above the maximum: a range that cannot hold a score. */
    public static boolean contradicts(String min, String max) {
        BigDecimal lo = decimal(min);
        BigDecimal hi = decimal(max);
        return lo != null && hi != null && lo.compareTo(hi) > 0;
    }

    private static BigDecimal decimal(String s) {
        if (s == null || s.length() > 35 || !s.matches("-?\\d{1,12}(\\.\\d{1,6})?")) {
            return null;
        }
        return new BigDecimal(s);
    }

    /** A score result as a whole number 0–100,000, or null ("691", "691.0" yes; "A", "1e3", "691.5" no). */
    public static Integer wholeScore(String result) {
        if (result == null || result.length() > 35 || !result.matches("\\d{1,6}(\\.0{1,6})?")) {
            return null;
        }
        BigDecimal v = new BigDecimal(result);
        return v.compareTo(BigDecimal.valueOf(100_000)) > 0 ? null : v.intValue();
    }

    static Long school(Result r, int schoolYear, List<Enrollment> enrollments) {
        if (r.reportedSchool() != null) {
            return r.reportedSchool();
        }
        List<Enrollment> ofYear = new ArrayList<>();
        for (Enrollment e : enrollments) {
            if (e.ofYear(schoolYear)) {
                ofYear.add(e);
            }
        }
        if (r.administered() != null) {
            Long covering = only(ofYear.stream().filter(e -> e.covers(r.administered())).toList());
            if (covering != null) {
                return covering;
            }
        }
        return only(ofYear);
    }

    private static Long only(List<Enrollment> enrollments) {
        Set<Long> schools = new TreeSet<>();
        enrollments.forEach(e -> schools.add(e.school()));
        return schools.size() == 1 ? schools.iterator().next() : null;
    }
}
