package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.repository.StagingTable;
import org.portfolio.performance.repository.StagingWriter;
import org.portfolio.platform.web.json.BoundedDecimals;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One kind of upload row: its fields, its staging table, and its validation, which either writes the row to the
 * COPY stream or adds errors (row number, field, message). Messages never repeat a student identifier.
 */
public abstract class RowKind {

    static final Pattern STUDENT_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._\\-]{1,40}");
    static final Pattern SUBJECT = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");

    public abstract IngestionKind kind();

    public abstract RowLayout layout();

    /** The session staging table the accepted rows are written to. */
    public abstract StagingTable staging();

    /** @return true when the row was written to {@code out}; false when {@code errors} got at least one entry */
    public abstract boolean accept(long row, String[] v, RowContext ctx, StagingWriter out, List<RowError> errors)
            throws SQLException;

    public static RowKind of(IngestionKind kind) {
        return switch (kind) {
            case ASSESSMENTS -> new AssessmentRows();
            case ATTENDANCE -> new AttendanceRows();
            case SCHOOL_METRICS -> new SchoolMetricRows();
        };
    }

    // --- shared field checks -------------------------------------------------------------------------------

    /** The school of a row from schoolId or districtCode (both must agree), known and in the caller's scope. */
    static UUID school(long row, String id, String districtCode, RowContext ctx, List<RowError> errors) {
        UUID school = null;
        if (id != null) {
            try {
                school = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(row, "schoolId", "must be a UUID"));
                return null;
            }
        }
        if (districtCode != null) {
            UUID byCode = ctx.schoolsByDistrictCode().get(districtCode);
            if (byCode == null) {
                errors.add(new RowError(row, "districtCode", "no registered school has this district code"));
                return null;
            }
            if (school != null && !school.equals(byCode)) {
                errors.add(new RowError(row, "districtCode", "names a different school than schoolId"));
                return null;
            }
            school = byCode;
        }
        if (school == null) {
            errors.add(new RowError(row, "schoolId", "schoolId or districtCode is required"));
            return null;
        }
        if (!ctx.knownSchools().contains(school)) {
            errors.add(new RowError(row, "schoolId", "no registered school has this id"));
            return null;
        }
        if (!ctx.inScope().test(school)) {
            errors.add(new RowError(row, "schoolId", "your client is not scoped to this school"));
            return null;
        }
        return school;
    }

    static String schoolYear(long row, String v, List<RowError> errors) {
        String p = SchoolYear.problem(v);
        if (p != null) {
            errors.add(new RowError(row, "schoolYear", p));
            return null;
        }
        return v;
    }

    static String required(long row, String field, String v, Pattern pattern, String rule, List<RowError> errors) {
        if (v == null || v.isEmpty()) {
            errors.add(new RowError(row, field, "is required"));
            return null;
        }
        if (!pattern.matcher(v).matches()) {
            errors.add(new RowError(row, field, rule));
            return null;
        }
        return v;
    }

    static final Object INVALID = new Object();

    /** @return the integer, null when absent, or {@link #INVALID} (with an error) */
    static Object integer(long row, String field, String v, int min, int max, boolean required, List<RowError> errors) {
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new RowError(row, field, "is required"));
                return INVALID;
            }
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            try {
                n = BoundedDecimals.parse(v).intValueExact(); // "3.0", "3e0"
            } catch (NumberFormatException | ArithmeticException e2) {
                errors.add(new RowError(row, field, "must be a whole number"));
                return INVALID;
            }
        }
        if (n < min || n > max) {
            errors.add(new RowError(row, field, "must be between " + min + " and " + max));
            return INVALID;
        }
        return n;
    }

    private static final BigDecimal TOO_LARGE = new BigDecimal("1e10");

    /**
     * A decimal, bounded in precision and scale as soon as it is parsed ({@link BoundedDecimals}: at most 38 digits
     * and 20 decimals), before any arithmetic could make a value such as {@code 1e-20000000} expensive.
     *
     * @return the decimal, null when absent, or null with an error (check the error count)
     */
    static BigDecimal decimal(long row, String field, String v, boolean required, List<RowError> errors) {
        if (v == null || v.isEmpty()) {
            if (required) {
                errors.add(new RowError(row, field, "is required"));
            }
            return null;
        }
        try {
            BigDecimal d = BoundedDecimals.parse(v);
            if (d.abs().compareTo(TOO_LARGE) >= 0) {
                errors.add(new RowError(row, field, "is too large"));
                return null;
            }
            return d;
        } catch (BoundedDecimals.OutOfBounds e) {
            errors.add(new RowError(row, field, e.getMessage()));
            return null;
        } catch (NumberFormatException e) {
            errors.add(new RowError(row, field, "must be a number"));
            return null;
        }
    }

    /**
     * PK, K, 1 … 12, any case, up to two leading zeros ("09", "009"): exactly the pattern the document declares
     * (UploadRows.GRADE; fourteenth pass: "+7" and "0000009" were kept though the pattern refused them); null when absent.
     */
    private static final java.util.regex.Pattern GRADE = java.util.regex.Pattern.compile("(?i)PK|K|0{0,2}([1-9]|1[0-2])");

    static String grade(long row, String v, List<RowError> errors) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (GRADE.matcher(v).matches()) {
            String g = v.toUpperCase(java.util.Locale.ROOT);
            return g.equals("PK") || g.equals("K") ? g : Integer.toString(Integer.parseInt(g));
        }
        errors.add(new RowError(row, "gradeLevel", "must be PK, K or 1 to 12"));
        return INVALID_GRADE;
    }

    static final String INVALID_GRADE = "\u0000invalid";
}
