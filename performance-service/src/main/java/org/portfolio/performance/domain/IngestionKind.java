package org.portfolio.performance.domain;

/** What an SIS upload carries. */
public enum IngestionKind { SCHOOL_METRICS, ASSESSMENTS, ATTENDANCE }
