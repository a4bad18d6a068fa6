package org.portfolio.performance.domain;

/** DRAFT (editable) → PUBLISHED (immutable, rates the year) → SUPERSEDED (a newer version of the year was published). */
public enum FrameworkStatus { DRAFT, PUBLISHED, SUPERSEDED }
