package org.portfolio.performance.repository;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Writes the rows of an upload into its staging table, in PostgreSQL's COPY text format, straight into a
 * {@link CopyIn} through one reused byte buffer: tab-separated columns, {@code \N} for null, backslash escapes.
 * {@link #finish()} ends the COPY; {@link #close()} cancels it if it did not finish.
 */
public final class StagingWriter implements AutoCloseable {

    private static final int SIZE = 1 << 18;
    private final CopyIn copy;
    private final byte[] buf = new byte[SIZE];
    private int pos;
    private boolean lineStart = true;

    StagingWriter(CopyIn copy) {
        this.copy = copy;
    }

    public StagingWriter text(String s) {
        sep();
        if (s == null) {
            return rawNull();
        }
        ensure(s.length() * 2 + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return textUtf8(s, i);
            }
            switch (c) {
                case '\\' -> { buf[pos++] = '\\'; buf[pos++] = '\\'; }
                case '\t' -> { buf[pos++] = '\\'; buf[pos++] = 't'; }
                case '\n' -> { buf[pos++] = '\\'; buf[pos++] = 'n'; }
                case '\r' -> { buf[pos++] = '\\'; buf[pos++] = 'r'; }
                default -> buf[pos++] = (byte) c;
            }
        }
        return this;
    }

    private StagingWriter textUtf8(String s, int from) {
        byte[] bytes = s.substring(from).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r").getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 8);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    public StagingWriter number(long v) {
        sep();
        return text0(Long.toString(v));
    }

    public StagingWriter nullableNumber(Integer v) {
        if (v == null) {
            sep();
            return rawNull();
        }
        return number(v);
    }

    /** A value already in canonical ASCII form (a UUID, a decimal). */
    public StagingWriter raw(String s) {
        sep();
        return s == null ? rawNull() : text0(s);
    }

    private StagingWriter text0(String s) {
        ensure(s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
        return this;
    }

    private StagingWriter rawNull() {
        ensure(3);
        buf[pos++] = '\\';
        buf[pos++] = 'N';
        return this;
    }

    private void sep() {
        if (!lineStart) {
            ensure(1);
            buf[pos++] = '\t';
        }
        lineStart = false;
    }

    public void endRow() throws SQLException {
        ensure(1);
        buf[pos++] = '\n';
        lineStart = true;
        if (pos > SIZE - 4096) {
            flush();
        }
    }

    private void flush() throws SQLException {
        if (pos > 0) {
            copy.writeToCopy(buf, 0, pos);
            pos = 0;
        }
    }

    /** Sends what is buffered and ends the COPY: the staged rows are in the table. */
    public void finish() throws SQLException {
        flush();
        copy.endCopy();
    }

    /** Cancels the COPY unless it finished (an upload that failed on the way). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            throw new IllegalStateException("row too long for the COPY buffer");
        }
    }
}
