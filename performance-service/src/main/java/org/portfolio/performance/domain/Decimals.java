package org.portfolio.performance.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal helpers: half-up rounding and a canonical form (no trailing zeros, never exponent notation). */
public final class Decimals {

    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Decimals() {
    }

    public static BigDecimal round(BigDecimal v, int scale) {
        return v == null ? null : clean(v.setScale(scale, RoundingMode.HALF_UP));
    }

    /** {@code 41.5000} → {@code 41.5}, {@code 100.00} → {@code 100}. */
    public static BigDecimal clean(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** 100 × part / whole, rounded to {@code scale} decimals. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole, int scale) {
        if (whole.signum() == 0) {
            return null;
        }
        return clean(part.multiply(HUNDRED).divide(whole, scale, RoundingMode.HALF_UP));
    }

    public static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    public static Double toDouble(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }
}
