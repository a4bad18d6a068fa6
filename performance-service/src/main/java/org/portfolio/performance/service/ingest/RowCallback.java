package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.RowError;

import java.util.List;

/** Receives each row as it is parsed. {@code values} is reused between rows: copy what must outlive the call. */
@FunctionalInterface
public interface RowCallback {

    /**
     * @param row        the row number (1-based)
     * @param values     the row's values by layout index (null = absent), or null when the row is not an object/record
     * @param structural problems found while parsing the row (unknown field, nested value, extra columns)
     */
    void row(long row, String[] values, List<RowError> structural) throws java.io.IOException, java.sql.SQLException;
}
