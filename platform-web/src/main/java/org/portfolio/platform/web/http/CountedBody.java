package org.portfolio.platform.web.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body handed to its reader through a count that may refuse it: {@link BodySizeLimit} stops a body that grows
 * past its limit, {@link BodyBudgetReader} one whose bytes no longer fit the service's budget. Once refused, closing it
 * leaves the rest unread: Jackson closes its source when a read fails, and RESTEasy's stream reads the body to its end
 * when closed (blocking the worker until the client ends it or the read times out), so the refusal waited for the whole
 * body; one that never ended (a chunked or HTTP/2 body still streaming) met the body deadline's 408 instead (ninth pass,
 * R8). The answer closes the connection instead (HTTP/1.1: ProblemMappers, the gateway's OwnBodyLimit).
 */
final class CountedBody extends FilterInputStream {

    /** Counts bytes read; throws (a RuntimeException) to refuse them. */
    @FunctionalInterface
    interface Count {
        void add(int n);

        /** The body's end was read. */
        default void end() {
        }
    }

    private final Count count;
    private boolean refused;

    CountedBody(InputStream in, Count count) {
        super(in);
        this.count = count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        } else {
            count.end();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        } else if (n < 0) {
            count.end();
        }
        return n;
    }

    private void add(int n) {
        try {
            count.add(n);
        } catch (RuntimeException e) {
            refused = true;
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (!refused) {
            super.close();
        }
    }
}
