package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.SchoolYear;
import org.portfolio.performance.domain.SchoolYearKey;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The staging side of an upload, on the upload's own connection (enlisted in its transaction): the session's
 * {@code work_mem}, the staging table, the COPY into it, and what it holds. The merge from it is
 * {@link StudentRecordStore} (student records) or {@link MetricValueStore} (school-level values).
 */
@ApplicationScoped
public class StagingStore {

    @Inject
    AgroalDataSource ds;

    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    /** Sets the transaction's work_mem (for the merge and aggregation) and creates the staging table. */
    public void create(Connection c, StagingTable table, String workMem) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select set_config('work_mem', ?, true)")) {
            s.setString(1, workMem);
            s.execute();
        }
        try (Statement s = c.createStatement()) {
            s.execute(table.ddl());
        }
    }

    /** Starts the COPY into the staging table; the caller writes rows, then finishes (or closes to cancel). */
    public StagingWriter writer(Connection c, StagingTable table) throws SQLException {
        return new StagingWriter(c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql()));
    }

    /** The distinct (school, year) pairs of a staging table, sorted (the lock order). */
    public List<SchoolYearKey> stagedPairs(Connection c, StagingTable table) throws SQLException {
        List<SchoolYearKey> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select distinct school_id, school_year from " + table.tableName())) {
            while (rs.next()) {
                String year = table.smallintYear() ? SchoolYear.of(rs.getInt(2)) : rs.getString(2);
                out.add(new SchoolYearKey(rs.getObject(1, UUID.class), year));
            }
        }
        out.sort(null);
        return out;
    }
}
