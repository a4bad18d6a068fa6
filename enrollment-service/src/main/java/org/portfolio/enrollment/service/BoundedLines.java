package org.portfolio.enrollment.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text body, each at most {@code maxChars} long: a longer line is skipped to its end and answered as
 * {@link #TOO_LONG} instead of being held in memory ({@code BufferedReader.readLine} would read a body without line
 * breaks into one string). Lines end at LF; a CR before it is dropped.
 */
final class BoundedLines implements Closeable {

    /** Returned (compare by identity) for a line longer than the bound. */
    static final String TOO_LONG = new String("<too long>");

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int len;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, {@link #TOO_LONG}, or null at the end of the body. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buffer);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return !any ? null : tooLong ? TOO_LONG : trimCr(line);
                }
            }
            any = true;
            char c = buffer[pos++];
            if (c == '\n') {
                return tooLong ? TOO_LONG : trimCr(line);
            }
            if (!tooLong) {
                if (line.length() >= maxChars + 1) {
                    tooLong = true;
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }
    }

    private String trimCr(StringBuilder line) {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
            line.setLength(n - 1);
        }
        if (line.length() > maxChars) {
            return TOO_LONG;
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
