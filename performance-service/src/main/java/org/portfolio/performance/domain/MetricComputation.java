package org.portfolio.performance.domain;

/** How the value of a metric comes about. */
public enum MetricComputation {
    /** Posted by an SIS as a school-level value (e.g. graduation rate, days cash on hand). */
    SCHOOL_LEVEL,
    /** Share of tested students at or above the framework's proficient level in the metric's subjects (percent). */
    ASSESSMENT_PROFICIENCY,
    /** Median of the students' growth percentiles in the metric's subjects. */
    MEDIAN_GROWTH_PERCENTILE,
    /** Share of students enrolled at least 10 days who were absent 10% or more of their enrolled days (percent). */
    CHRONIC_ABSENTEEISM,
    /** First-choice applicants per seat in the unified enrollment match (from DemandReported). */
    FAMILY_DEMAND;

    public boolean fromStudentRecords() {
        return this == ASSESSMENT_PROFICIENCY || this == MEDIAN_GROWTH_PERCENTILE || this == CHRONIC_ABSENTEEISM;
    }

    /**
     * Which way the computation's values are better: fewer chronically absent students, more proficient ones, higher
     * growth, more applicants per seat; null for a school-level value, whose meaning the district defines.
     */
    public MetricDirection betterDirection() {
        return switch (this) {
            case SCHOOL_LEVEL -> null;
            case CHRONIC_ABSENTEEISM -> MetricDirection.LOWER_IS_BETTER;
            case ASSESSMENT_PROFICIENCY, MEDIAN_GROWTH_PERCENTILE, FAMILY_DEMAND -> MetricDirection.HIGHER_IS_BETTER;
        };
    }

    public boolean needsSubjects() {
        return this == ASSESSMENT_PROFICIENCY || this == MEDIAN_GROWTH_PERCENTILE;
    }
}
