package org.portfolio.performance.repository;

/**
 * The session staging table of each kind of upload: rows are streamed into it with COPY ({@link StagingWriter}) and
 * merged from it set-based. Each lives for the upload's transaction ({@code on commit drop}).
 */
public enum StagingTable {

    ASSESSMENT("stage_assessment", true, "row_no bigint not null, school_id uuid not null, "
            + "school_year smallint not null, subject varchar(20) not null, student_id varchar(64) not null, "
            + "test_code varchar(40) not null, grade_level varchar(2), performance_level smallint, "
            + "scale_score integer, growth_percentile smallint, participation varchar(12)"),
    ATTENDANCE("stage_attendance", true, "row_no bigint not null, school_id uuid not null, "
            + "school_year smallint not null, student_id varchar(64) not null, grade_level varchar(2), "
            + "days_enrolled numeric(5,1) not null, days_absent numeric(5,1) not null, in_fall_count boolean, "
            + "exited_before_testing boolean"),
    SCHOOL_METRIC("stage_school_metric", false, "row_no bigint not null, school_id uuid not null, "
            + "school_year varchar(7) not null, metric_code varchar(60) not null, value numeric(14,4) not null, "
            + "n integer");

    private final String name;
    private final boolean smallintYear;
    private final String columns;

    StagingTable(String name, boolean smallintYear, String columns) {
        this.name = name;
        this.smallintYear = smallintYear;
        this.columns = columns;
    }

    public String tableName() {
        return name;
    }

    /** Whether the school year is stored as its start year (smallint) rather than as text ("2026-27"). */
    boolean smallintYear() {
        return smallintYear;
    }

    String ddl() {
        return "create temp table " + name + " (" + columns + ") on commit drop";
    }

    String copySql() {
        return "copy " + name + " from stdin";
    }
}
