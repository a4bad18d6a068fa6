package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.repository.StagingTable;
import org.portfolio.performance.repository.StagingWriter;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Student assessment results: natural key school + school year + subject + SIS student id + test. */
public final class AssessmentRows extends RowKind {

    static final RowLayout LAYOUT = new RowLayout(List.of("schoolId", "districtCode", "schoolYear", "studentId",
            "subject", "testCode", "gradeLevel", "performanceLevel", "scaleScore", "growthPercentile", "participation"));

    /** Optional: whether the student took the test; absent = not stated, counted as tested. */
    static final java.util.Set<String> PARTICIPATION = java.util.Set.of("TESTED", "NOT_TESTED", "EXEMPT", "EXCLUDED");

    @Override
    public IngestionKind kind() {
        return IngestionKind.ASSESSMENTS;
    }

    @Override
    public RowLayout layout() {
        return LAYOUT;
    }

    @Override
    public StagingTable staging() {
        return StagingTable.ASSESSMENT;
    }

    /** The subject as the document declares it, any case: ASCII letters only (upper-casing first let "ſ" become S). */
    static final java.util.regex.Pattern SUBJECT_AS_SENT = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,19}");

    @Override
    public boolean accept(long row, String[] v, RowContext ctx, StagingWriter out, List<RowError> errors)
            throws SQLException {
        int before = errors.size();
        UUID school = school(row, v[0], v[1], ctx, errors);
        String year = schoolYear(row, v[2], errors);
        String student = required(row, "studentId", v[3], STUDENT_ID, "must be 1 to 64 letters, digits or . _ : -", errors);
        // the declared pattern is matched as sent, then upper-cased ("ſtate" upper-cased to STATE and was kept)
        String subject = required(row, "subject", v[4], SUBJECT_AS_SENT, "must be a subject code such as ELA or MATH", errors);
        subject = subject == null ? null : subject.toUpperCase(Locale.ROOT);
        String test = required(row, "testCode", v[5], CODE, "must be 1 to 40 letters, digits or . _ -", errors);
        String grade = grade(row, v[6], errors);
        String participation = v[10] == null || v[10].isEmpty() ? null : v[10].toUpperCase(Locale.ROOT);
        if (participation != null && !PARTICIPATION.contains(participation)) {
            errors.add(new RowError(row, "participation", "must be TESTED, NOT_TESTED, EXEMPT or EXCLUDED"));
            participation = null;
        }
        boolean tested = participation == null || participation.equals("TESTED");
        Object level = integer(row, "performanceLevel", v[7], 1, 5, tested, errors);
        Object scale = integer(row, "scaleScore", v[8], 0, 100_000, false, errors);
        Object sgp = integer(row, "growthPercentile", v[9], 1, 99, false, errors);
        if (!tested) {
            // a student who did not take the test has no result
            for (int i = 7; i <= 9; i++) {
                if (v[i] != null && !v[i].isEmpty()) {
                    errors.add(new RowError(row, LAYOUT.fields().get(i), "must be absent when participation is "
                            + participation));
                }
            }
        }
        if (errors.size() > before) {
            return false;
        }
        out.number(row).raw(school.toString()).number(SchoolYear.startYear(year)).text(subject).text(student)
                .text(test).raw(grade).nullableNumber((Integer) level).nullableNumber((Integer) scale)
                .nullableNumber((Integer) sgp).raw(participation).endRow();
        return true;
    }
}
