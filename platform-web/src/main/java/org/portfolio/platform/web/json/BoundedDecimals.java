package org.portfolio.platform.web.json;

import java.math.BigDecimal;

/**
 * The bounds of every decimal a service accepts, checked right after parsing and before any arithmetic. A value such
 * as {@code 1e-20000000} is 11 characters long, yet rounding it to four decimals divides by 10^19999996 and keeps a
 * core busy for seconds ({@code 0.1e-99999999}: for ever), and printing {@code 0e-150000000} as plain text makes a
 * string of 150 million characters. No Portfolio value needs more than 38 significant digits (PostgreSQL's
 * {@code numeric(38, …)}) or 20 decimals, so a decimal as written (its exponent included) stays within 38 digits
 * and a scale of ±20; both checks are O(1) on the parsed value. See docs/errors.md.
 */
public final class BoundedDecimals {

    /** Significant digits of a decimal. */
    public static final int MAX_PRECISION = 38;
    /** Decimals after the point (scale), and powers of ten written as an exponent (negative scale). */
    public static final int MAX_SCALE = 20;
    /** Characters of a decimal written as text (a CSV cell, a JSON string): longer is not a number we accept. */
    public static final int MAX_TEXT_LENGTH = 100;

    public static final String RULE = "must have at most " + MAX_PRECISION + " significant digits and at most "
            + MAX_SCALE + " decimals";

    private BoundedDecimals() {
    }

    /** A decimal outside the bounds; its message is {@link #RULE} and never repeats the value. */
    public static final class OutOfBounds extends NumberFormatException {
        public OutOfBounds() {
            super(RULE);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Parses a decimal written as text and checks its bounds.
     *
     * @throws OutOfBounds           when it is a number outside the bounds, or text too long to be one of ours
     * @throws NumberFormatException when it is not a number at all
     */
    public static BigDecimal parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new OutOfBounds();
        }
        return check(new BigDecimal(text));
    }

    /** @return the value itself when it is within the bounds; else {@link OutOfBounds} */
    public static BigDecimal check(BigDecimal v) {
        if (!within(v)) {
            throw new OutOfBounds();
        }
        return v;
    }

    public static boolean within(BigDecimal v) {
        return v.scale() <= MAX_SCALE && v.scale() >= -MAX_SCALE && v.precision() <= MAX_PRECISION;
    }
}
