package org.portfolio.contracts.domain;

import java.math.BigDecimal;

/** Decimal values as they are stored and published: no trailing zeros, never in exponent notation. */
public final class Numbers {

    private Numbers() {
    }

    public static BigDecimal normalize(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
