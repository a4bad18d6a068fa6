package org.portfolio.performance.domain;

/**
 * A rejected row of an upload: its number (1 = the first record of the JSON array, or the first data line after
 * the CSV header), the field and what is wrong. Messages never repeat a student identifier.
 */
public record RowError(long row, String field, String message) {
}
