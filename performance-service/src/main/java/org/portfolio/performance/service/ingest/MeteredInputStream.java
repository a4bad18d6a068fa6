package org.portfolio.performance.service.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Counts the bytes of a request body as it streams through, stops it with {@link UploadTooLargeException} past the
 * limit, and optionally digests it (SHA-256 for the Idempotency-Key fingerprint). Nothing is buffered here.
 */
public final class MeteredInputStream extends FilterInputStream {

    private final long limit;
    private final MessageDigest digest;
    private long count;

    public MeteredInputStream(InputStream in, long limit, MessageDigest digest) {
        super(in);
        this.limit = limit;
        this.digest = digest;
    }

    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
            if (digest != null) {
                digest.update((byte) b);
            }
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
            if (digest != null) {
                digest.update(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** The SHA-256 of every byte read (call once, after the body was read to its end); null without a digest. */
    public String fingerprint() {
        return digest == null ? null : java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** Reads the rest of the stream (digesting it), e.g. to fingerprint a replayed request. */
    public void drain() throws IOException {
        byte[] buf = new byte[65536];
        while (read(buf, 0, buf.length) >= 0) {
            // counted and digested by read
        }
    }

    private void advance(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new UploadTooLargeException(limit);
        }
    }
}
