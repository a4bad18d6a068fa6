package org.portfolio.performance.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.portfolio.performance.domain.CorrectionCause;
import org.portfolio.performance.domain.Decimals;
import org.portfolio.performance.domain.MetricCandidate;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.MetricSnapshot;
import org.portfolio.performance.domain.MetricSource;
import org.portfolio.performance.domain.SchoolYearKey;
import org.portfolio.performance.domain.StudentAggregates;
import org.portfolio.performance.domain.YearRules;
import org.portfolio.performance.repository.MetricDefinitionRepository;
import org.portfolio.performance.repository.MetricValueStore;
import org.portfolio.performance.repository.StudentRecordStore;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Recomputes what depends on changed data, inside the transaction that changed it: student records → school
 * metric values (set-based aggregation) → MetricResultRecorded for each real change → ratings →
 * SchoolRatingPublished for each real change → integrity checks (IntegrityFlagRaised for each new flag). The
 * caller holds the advisory locks of the school-years.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RecomputeService {

    @Inject
    StudentRecordStore students;

    @Inject
    MetricValueStore values;

    @Inject
    MetricDefinitionRepository metrics;

    @Inject
    MetricResultService results;

    @Inject
    RatingService ratings;

    @Inject
    org.portfolio.performance.repository.SchoolRatingRepository ratingsOfYear;

    @Inject
    FrameworkService frameworks;

    @Inject
    IntegrityService integrity;

    public record Result(int schoolYears, int metricsInserted, int metricsUpdated, int metricsUnchanged,
                         int ratingsChanged) {
        public int metricsChanged() {
            return metricsInserted + metricsUpdated;
        }

        static final Result NONE = new Result(0, 0, 0, 0, 0);
    }

    /** After student records of these school-years changed. */
    public Result studentRecords(Connection c, Collection<SchoolYearKey> keys, boolean assessments, boolean attendance,
                                 UUID jobId) throws SQLException {
        if (keys.isEmpty()) {
            return Result.NONE;
        }
        StudentAggregates.ByKey agg = new StudentAggregates.ByKey();
        if (assessments) {
            students.aggregateAssessments(c, keys, assessedSubjects(), agg);
        }
        if (attendance) {
            students.aggregateAttendance(c, keys, agg);
        }
        List<MetricCandidate> candidates = candidates(agg, assessments, attendance);
        MetricResultService.Applied applied = results.apply(candidates, jobId);
        int r = ratings.recompute(applied.changedKeys());
        integrity.evaluate(keys, applied.changedKeys(), jobId);
        return new Result(keys.size(), applied.inserted(), applied.updated(), applied.unchanged(), r);
    }

    /** What a correction changed downstream of its records. */
    public record Corrected(int metricsChanged, int metricsWithdrawn, int ratingsChanged) {
    }

    /**
     * After a correction changed or retracted student records of these school-years: their metrics are recomputed
     * (each change names the correction), a computed value whose last records were retracted is withdrawn, and the
     * ratings follow. The caller holds the school-years' advisory locks.
     */
    public Corrected corrected(Connection c, Collection<SchoolYearKey> keys, boolean assessments, CorrectionCause cause)
            throws SQLException {
        if (keys.isEmpty()) {
            return new Corrected(0, 0, 0);
        }
        StudentAggregates.ByKey agg = new StudentAggregates.ByKey();
        if (assessments) {
            students.aggregateAssessments(c, keys, assessedSubjects(), agg);
        } else {
            students.aggregateAttendance(c, keys, agg);
        }
        List<MetricCandidate> candidates = candidates(agg, assessments, !assessments);
        MetricResultService.Applied applied = results.apply(candidates, null, cause);
        Set<String> computed = new java.util.HashSet<>();
        candidates.forEach(m -> computed.add(m.key().schoolId() + "|" + m.key().schoolYear() + "|" + m.metricCode()));
        Map<String, MetricDefinition> catalog = metrics.catalog();
        List<MetricSnapshot> gone = new ArrayList<>();
        for (MetricSnapshot s : values.current(keys)) {
            MetricDefinition d = catalog.get(s.metricCode());
            if (s.source() != MetricSource.AGGREGATED || d == null || !fromKind(d.computation, assessments)) {
                continue;
            }
            if (!computed.contains(s.schoolId() + "|" + s.schoolYear() + "|" + s.metricCode())) {
                gone.add(s);
            }
        }
        Set<SchoolYearKey> changed = new TreeSet<>(applied.changedKeys());
        changed.addAll(results.withdraw(gone, cause));
        int r = ratings.recompute(changed);
        // records retracted or re-scored are data arriving too: the integrity rules look again (retracting the low
        // performers' results is the gaming the participation and year-over-year rules are there to show)
        integrity.evaluate(keys, changed, null);
        return new Corrected(applied.changed(), gone.size(), r);
    }

    private static boolean fromKind(MetricComputation m, boolean assessments) {
        return assessments ? m == MetricComputation.ASSESSMENT_PROFICIENCY || m == MetricComputation.MEDIAN_GROWTH_PERCENTILE
                : m == MetricComputation.CHRONIC_ABSENTEEISM;
    }

    /** After an SIS posted school-level values. */
    public Result schoolValues(List<MetricValueStore.StagedValue> staged, UUID jobId) throws SQLException {
        List<MetricCandidate> candidates = staged.stream().map(s -> new MetricCandidate(
                new SchoolYearKey(s.schoolId(), s.schoolYear()), s.metricCode(), s.value(), s.n(),
                MetricSource.SIS_SCHOOL_LEVEL)).toList();
        MetricResultService.Applied applied = results.apply(candidates, jobId);
        int r = ratings.recompute(applied.changedKeys());
        integrity.evaluate(List.of(), applied.changedKeys(), jobId);
        return new Result((int) candidates.stream().map(MetricCandidate::key).distinct().count(), applied.inserted(),
                applied.updated(), applied.unchanged(), r);
    }

    /** After enrollment reported demand for a school and year. */
    public Result candidates(List<MetricCandidate> candidates) throws SQLException {
        MetricResultService.Applied applied = results.apply(candidates, null);
        int r = ratings.recompute(applied.changedKeys());
        integrity.evaluate(List.of(), applied.changedKeys(), null);
        return new Result(applied.changedKeys().size(), applied.inserted(), applied.updated(), applied.unchanged(), r);
    }

    /**
     * Everything of a school year, after its framework changed: aggregates (the proficient level may differ),
     * suppression of every value (the minimum n may differ), and every rating.
     */
    public Result year(String schoolYear) throws SQLException {
        try (Connection c = students.connection()) {
            Set<UUID> schools = new TreeSet<>(students.schoolsWithRecords(c, schoolYear));
            schools.addAll(values.schoolsWithValues(schoolYear));
            schools.addAll(ratingsOfYear.schoolsRatedIn(schoolYear)); // rated once, no values left (Q1)
            List<SchoolYearKey> keys = schools.stream().map(s -> new SchoolYearKey(s, schoolYear)).toList();
            if (keys.isEmpty()) {
                return Result.NONE;
            }
            students.lock(c, keys);
            StudentAggregates.ByKey agg = new StudentAggregates.ByKey();
            students.aggregateAssessments(c, keys, assessedSubjects(), agg);
            students.aggregateAttendance(c, keys, agg);
            List<MetricCandidate> candidates = candidates(agg, true, true);
            Set<String> fresh = new java.util.HashSet<>();
            candidates.forEach(m -> fresh.add(m.key().schoolId() + "/" + m.metricCode()));
            for (MetricSnapshot s : values.current(keys)) {
                SchoolYearKey k = new SchoolYearKey(s.schoolId(), s.schoolYear());
                if (s.source() != MetricSource.AGGREGATED) {
                    candidates.add(new MetricCandidate(k, s.metricCode(), s.value(), s.n(), s.source()));
                } else if (!fresh.contains(s.schoolId() + "/" + s.metricCode())) {
                    // computed from records that are gone (erased, purged): its suppression is decided again under the
                    // new rules from the value and n it keeps, and one suppressed stays so (a part below the minimum
                    // is not known any more: smallest part 0). A higher minimum n left it public (hostile review of
                    // the twenty-seventh pass, Q4)
                    candidates.add(new MetricCandidate(k, s.metricCode(), s.value(), s.n(), s.source(),
                            s.suppressed() ? 0 : null));
                }
            }
            MetricResultService.Applied applied = results.apply(candidates, null);
            int r = ratings.recompute(keys);
            integrity.evaluate(keys, keys, null); // the thresholds may have changed
            return new Result(keys.size(), applied.inserted(), applied.updated(), applied.unchanged(), r);
        }
    }

    /**
     * The subjects some metric of the catalog reads: the aggregates are of these only. Any other subject a file names
     * counts for no metric, and grouping students by every subject they were tested in let one school's upload (a
     * thousand random subject codes per student) grow the aggregation without bound (third pass of 2026-12-05).
     */
    public Set<String> assessedSubjects() {
        Set<String> subjects = new TreeSet<>();
        for (MetricDefinition d : metrics.catalog().values()) {
            if (d.computation.fromStudentRecords()) {
                subjects.addAll(d.subjectList());
            }
        }
        return subjects;
    }

    /**
     * For a metric over several subjects, the students of its smallest subject that has any (a subject without students
     * gives nothing away); null for one subject.
     */
    static Integer smallestPart(List<String> subjects, java.util.function.ToLongFunction<String> studentsIn) {
        if (subjects.size() < 2) {
            return null;
        }
        long smallest = Long.MAX_VALUE;
        for (String s : subjects) {
            long n = studentsIn.applyAsLong(s);
            if (n > 0 && n < smallest) {
                smallest = n;
            }
        }
        return smallest == Long.MAX_VALUE ? null : (int) Math.min(smallest, Integer.MAX_VALUE);
    }

    /**
     * A metric over several subjects gives each subject's part away beside the others' own values: its smallest part
     * ({@link #smallestPart}, held to the metric's minimum n), or 0 — suppressed — when a subject's students are fewer
     * than the minimum n of a metric of the same computation over that subject alone (a framework that raised
     * MATH_PROFICIENCY to 15 saw a metric over ELA and MATH give 12 math students' results away at its own 10: hostile
     * review of the twenty-seventh pass, Q2).
     */
    static Integer partGuard(YearRules r, MetricDefinition d, List<MetricDefinition> defs,
                             java.util.function.ToLongFunction<String> studentsIn) {
        Integer smallest = smallestPart(d.subjectList(), studentsIn);
        if (smallest == null) {
            return null;
        }
        for (String subject : d.subjectList()) {
            long n = studentsIn.applyAsLong(subject);
            if (n <= 0) {
                continue;
            }
            for (MetricDefinition alone : defs) {
                if (alone.computation == d.computation && alone.subjectList().equals(List.of(subject))
                        && r.suppressed(alone.code, (int) Math.min(n, Integer.MAX_VALUE))) {
                    return 0;
                }
            }
        }
        return smallest;
    }

    private List<MetricCandidate> candidates(StudentAggregates.ByKey agg, boolean assessments, boolean attendance) {
        List<MetricDefinition> defs = metrics.catalog().values().stream()
                .filter(d -> d.computation.fromStudentRecords()).toList();
        Map<String, YearRules> rules = new HashMap<>();
        List<MetricCandidate> out = new ArrayList<>();
        for (Map.Entry<SchoolYearKey, StudentAggregates> e : agg.all().entrySet()) {
            SchoolYearKey k = e.getKey();
            StudentAggregates a = e.getValue();
            YearRules r = rules.computeIfAbsent(k.schoolYear(), frameworks::rulesFor);
            for (MetricDefinition d : defs) {
                if (d.computation == MetricComputation.ASSESSMENT_PROFICIENCY && assessments) {
                    long[] p = a.proficiency(d.subjectList(), r.proficientLevel());
                    if (p != null) {
                        // n is the distinct students (the minimum n protects students, not results)
                        long students = a.studentsTested(d.subjectList());
                        out.add(new MetricCandidate(k, d.code, Decimals.percent(BigDecimal.valueOf(p[1]),
                                BigDecimal.valueOf(p[0]), 1), (int) (students > 0 ? students : p[0]), MetricSource.AGGREGATED,
                                partGuard(r, d, defs, s -> a.studentsTested(List.of(s)))));
                    }
                } else if (d.computation == MetricComputation.MEDIAN_GROWTH_PERCENTILE && assessments) {
                    StudentAggregates.Median m = a.medianGrowth(d.subjectList());
                    if (m != null) {
                        out.add(new MetricCandidate(k, d.code, m.value(), (int) m.n(), MetricSource.AGGREGATED,
                                partGuard(r, d, defs, s -> a.studentsWithGrowth(List.of(s)))));
                    }
                } else if (d.computation == MetricComputation.CHRONIC_ABSENTEEISM && attendance) {
                    long[] ca = a.chronicAbsence();
                    if (ca != null) {
                        out.add(new MetricCandidate(k, d.code, Decimals.percent(BigDecimal.valueOf(ca[1]),
                                BigDecimal.valueOf(ca[0]), 1), (int) ca[0], MetricSource.AGGREGATED));
                    }
                }
            }
        }
        return out;
    }
}
