package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.IngestionKind;
import org.portfolio.performance.domain.MetricCategory;
import org.portfolio.performance.domain.MetricComputation;
import org.portfolio.performance.domain.MetricDefinition;
import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.repository.StagingTable;
import org.portfolio.performance.repository.StagingWriter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** School-level metric values (graduation rate, days cash on hand …): natural key school + metric + school year. */
public final class SchoolMetricRows extends RowKind {

    /** The largest value numeric(14,4) holds. */
    private static final BigDecimal LARGEST = new BigDecimal("9999999999.9999");

    static final RowLayout LAYOUT = new RowLayout(List.of("schoolId", "districtCode", "schoolYear", "metricCode",
            "value", "n"));

    @Override
    public IngestionKind kind() {
        return IngestionKind.SCHOOL_METRICS;
    }

    @Override
    public RowLayout layout() {
        return LAYOUT;
    }

    @Override
    public StagingTable staging() {
        return StagingTable.SCHOOL_METRIC;
    }

    @Override
    public boolean accept(long row, String[] v, RowContext ctx, StagingWriter out, List<RowError> errors)
            throws SQLException {
        int before = errors.size();
        UUID school = school(row, v[0], v[1], ctx, errors);
        String year = schoolYear(row, v[2], errors);
        MetricDefinition metric = null;
        if (v[3] == null) {
            errors.add(new RowError(row, "metricCode", "is required"));
        } else {
            metric = ctx.catalog().get(v[3]);
            if (metric == null) {
                errors.add(new RowError(row, "metricCode", "unknown metric"));
            } else if (metric.computation != MetricComputation.SCHOOL_LEVEL) {
                errors.add(new RowError(row, "metricCode", metric.code + " is computed ("
                        + metric.computation + "), not posted: "
                        + (metric.computation.fromStudentRecords() ? "post the student-level records instead"
                        : "it comes from the enrollment match")));
                metric = null;
            }
        }
        int valueErrors = errors.size();
        BigDecimal value = decimal(row, "value", v[4], true, errors);
        if (value != null) {
            // stored at 4 decimals in numeric(14,4): 9999999999.99995 rounds to 1e10, which the column does not hold
            // (review of 2026-12-05: the COPY failed and the whole upload ended in a 500)
            // the declared maximum is checked before rounding (9999999999.99994 is past it, though it rounds to it)
            if (value.abs().compareTo(LARGEST) > 0 || value.setScale(4, RoundingMode.HALF_UP).abs().compareTo(LARGEST) > 0) {
                errors.add(new RowError(row, "value", "is too large"));
                value = null;
            } else {
                value = value.setScale(4, RoundingMode.HALF_UP);
            }
        }
        if (value != null && metric != null && errors.size() == valueErrors) {
            String p = metric.unit.valueProblem(value);
            if (p != null) {
                errors.add(new RowError(row, "value", p + " (" + metric.code + " is " + metric.unit + ")"));
            }
        }
        Object n = integer(row, "n", v[5], 0, 10_000_000, false, errors);
        // n == null: absent, JSON null or "" (a CSV cell left empty reads as absent too); INVALID has its own error
        if (n == null && metric != null && metric.category == MetricCategory.ACADEMIC) {
            // an academic value rests on students: without their number it cannot be suppressed when they are few (a
            // graduation rate posted without n was published whatever its cohort: review of 2026-12-05, seventh pass)
            errors.add(new RowError(row, "n", "is required for " + metric.code + " (ACADEMIC): the number of students "
                    + "behind the value, so that a small group's value is not published"));
        }
        if (errors.size() > before) {
            return false;
        }
        out.number(row).raw(school.toString()).raw(year).text(metric.code)
                .raw(value.toPlainString()).nullableNumber((Integer) n).endRow();
        return true;
    }
}
