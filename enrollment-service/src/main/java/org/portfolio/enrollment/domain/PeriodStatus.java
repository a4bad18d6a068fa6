package org.portfolio.enrollment.domain;

/** DRAFT → OPEN ⇄ CLOSED → MATCHED → PUBLISHED; MATCHED → CLOSED discards a match (see docs/enrollment-service.md). */
public enum PeriodStatus {
    DRAFT, OPEN, CLOSED, MATCHED, PUBLISHED
}
