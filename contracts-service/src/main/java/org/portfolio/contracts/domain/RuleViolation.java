package org.portfolio.contracts.domain;

/** A domain rule a request breaks: the request field (JSON path) and what is wrong with it. */
public record RuleViolation(String field, String message) {
}
