package org.portfolio.performance.service.ingest;

import org.portfolio.performance.domain.RowError;
import org.portfolio.performance.repository.StagingWriter;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the rows of an upload go as they are parsed: each is validated by its {@link RowKind} and written to the
 * staging table, or its errors are counted (and the first ones kept). When the first {@code abortAfterRejected} rows
 * are all rejected the upload is hopeless ({@link HopelessUploadException}).
 */
public final class RowSink implements RowCallback {

    /** Told the counts every 1,024 rows, to show the upload's progress. */
    @FunctionalInterface
    public interface Progress {
        void rows(long received, long accepted, long rejected);
    }

    private final RowKind kind;
    private final RowContext ctx;
    private final StagingWriter out;
    private final RowErrors errors;
    private final long abortAfterRejected;
    private final Progress progress;
    private final List<RowError> rowErrors = new ArrayList<>(8);
    private long received;
    private long accepted;
    private long rejected;

    public RowSink(RowKind kind, RowContext ctx, StagingWriter out, RowErrors errors, long abortAfterRejected,
                   Progress progress) {
        this.kind = kind;
        this.ctx = ctx;
        this.out = out;
        this.errors = errors;
        this.abortAfterRejected = abortAfterRejected;
        this.progress = progress;
    }

    @Override
    public void row(long row, String[] values, List<RowError> structural) throws SQLException {
        received++;
        rowErrors.clear();
        boolean ok;
        if (values == null || !structural.isEmpty()) {
            rowErrors.addAll(structural);
            ok = false;
        } else {
            ok = kind.accept(row, values, ctx, out, rowErrors);
        }
        if (ok) {
            accepted++;
        } else {
            rejected++;
            errors.addAll(rowErrors);
            if (accepted == 0 && abortAfterRejected > 0 && rejected >= abortAfterRejected) {
                throw new HopelessUploadException(rejected, errors);
            }
        }
        if ((received & 1023) == 0) {
            progress.rows(received, accepted, rejected);
        }
    }

    public long received() {
        return received;
    }

    public long accepted() {
        return accepted;
    }

    public long rejected() {
        return rejected;
    }
}
