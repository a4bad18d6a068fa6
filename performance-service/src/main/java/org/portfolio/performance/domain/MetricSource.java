package org.portfolio.performance.domain;

/** Where a school metric value came from (the {@code source} of MetricResultRecorded). */
public enum MetricSource { SIS_SCHOOL_LEVEL, AGGREGATED, ENROLLMENT_DEMAND }
