package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.repository.StagingTable;
import org.portfolio.performance.repository.StagingWriter;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Student attendance for a school year: natural key school + school year + SIS student id. */
public final class AttendanceRows extends RowKind {

    static final RowLayout LAYOUT = new RowLayout(List.of("schoolId", "districtCode", "schoolYear", "studentId",
            "gradeLevel", "daysEnrolled", "daysAbsent", "inFallCount", "exitedBeforeTesting"));
    private static final BigDecimal MAX_DAYS = BigDecimal.valueOf(366);

    @Override
    public IngestionKind kind() {
        return IngestionKind.ATTENDANCE;
    }

    @Override
    public RowLayout layout() {
        return LAYOUT;
    }

    @Override
    public StagingTable staging() {
        return StagingTable.ATTENDANCE;
    }

    @Override
    public boolean accept(long row, String[] v, RowContext ctx, StagingWriter out, List<RowError> errors)
            throws SQLException {
        int before = errors.size();
        UUID school = school(row, v[0], v[1], ctx, errors);
        String year = schoolYear(row, v[2], errors);
        String student = required(row, "studentId", v[3], STUDENT_ID, "must be 1 to 64 letters, digits or . _ : -", errors);
        String grade = grade(row, v[4], errors);
        BigDecimal enrolled = days(row, "daysEnrolled", v[5], errors);
        BigDecimal absent = days(row, "daysAbsent", v[6], errors);
        if (enrolled != null && enrolled.signum() == 0) {
            errors.add(new RowError(row, "daysEnrolled", "must be more than 0"));
        }
        if (enrolled != null && absent != null && absent.compareTo(enrolled) > 0) {
            errors.add(new RowError(row, "daysAbsent", "must not exceed daysEnrolled"));
        }
        Boolean inFallCount = bool(row, "inFallCount", v[7], errors);
        Boolean exited = bool(row, "exitedBeforeTesting", v[8], errors);
        if (errors.size() > before) {
            return false;
        }
        out.number(row).raw(school.toString()).number(SchoolYear.startYear(year)).text(student).raw(grade)
                .raw(enrolled.toPlainString()).raw(absent.toPlainString())
                .raw(inFallCount == null ? null : inFallCount.toString()).raw(exited == null ? null : exited.toString())
                .endRow();
        return true;
    }

    private static BigDecimal days(long row, String field, String v, List<RowError> errors) {
        int before = errors.size();
        BigDecimal d = decimal(row, field, v, true, errors);
        if (errors.size() > before) {
            return null;
        }
        if (d.signum() < 0 || d.compareTo(MAX_DAYS) > 0) {
            errors.add(new RowError(row, field, "must be between 0 and 366"));
            return null;
        }
        // whole or half days, as the document's multipleOf 0.5 says, a correction takes and Ed-Fi derivation sends
        // (180.3 was taken here and refused by a correction of the same record: eighth pass)
        if (d.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
            errors.add(new RowError(row, field, "must be a whole or half day"));
            return null;
        }
        return d;
    }

    /** true / false (any case), also 1 / 0 and yes / no as SIS exports write them; null when absent. */
    private static Boolean bool(long row, String field, String v, List<RowError> errors) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y" -> {
                return Boolean.TRUE;
            }
            case "false", "0", "no", "n" -> {
                return Boolean.FALSE;
            }
            default -> {
                errors.add(new RowError(row, field, "must be true or false"));
                return null;
            }
        }
    }
}
