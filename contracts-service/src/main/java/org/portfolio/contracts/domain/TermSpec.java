package org.portfolio.contracts.domain;

/** A contract term as asked for: first and last school year, both included. */
public record TermSpec(String startYear, String endYear) {
}
