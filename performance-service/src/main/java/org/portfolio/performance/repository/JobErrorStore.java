package org.portfolio.performance.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.portfolio.performance.domain.RowError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The stored row errors of upload jobs. */
@ApplicationScoped
public class JobErrorStore {

    @Inject
    AgroalDataSource ds;

    public void insert(UUID jobId, List<RowError> errors) throws SQLException {
        if (errors.isEmpty()) {
            return;
        }
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("insert into ingestion_error (job_id, seq, row_number, field, "
                     + "message) values (?, ?, ?, ?, ?)")) {
            int seq = 0;
            for (RowError e : errors) {
                s.setObject(1, jobId);
                s.setInt(2, ++seq);
                s.setLong(3, e.row());
                s.setString(4, truncate(e.field(), 100));
                s.setString(5, truncate(e.message(), 500));
                s.addBatch();
                if (seq % 1000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    public List<RowError> page(UUID jobId, int page, int size) throws SQLException {
        List<RowError> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement s = c.prepareStatement("select row_number, field, message from ingestion_error "
                     + "where job_id = ? order by seq limit ? offset ?")) {
            s.setObject(1, jobId);
            s.setInt(2, size);
            s.setLong(3, (long) page * size);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RowError(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    private static String truncate(String s, int max) {
        // PostgreSQL's text holds no NUL: one in an error's field or message failed the insert (and the upload, 500)
        String t = s == null ? "" : s.replace((char) 0, '\uFFFD');
        return org.portfolio.platform.web.text.Texts.cut(t, max);
    }
}
