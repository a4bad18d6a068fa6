package org.portfolio.performance.domain;

/** What a set-based merge did for one school and year: distinct rows in the upload, new rows, changed rows. */
public record MergeCount(SchoolYearKey key, long distinct, long inserted, long updated) {

    public boolean changed() {
        return inserted + updated > 0;
    }
}
