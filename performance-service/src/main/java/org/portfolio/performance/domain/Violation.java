package org.portfolio.performance.domain;

/** One broken rule: the field (JSON path) and what is wrong with it. */
public record Violation(String field, String message) {
}
