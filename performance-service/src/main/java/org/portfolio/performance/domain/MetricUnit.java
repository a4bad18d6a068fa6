package org.portfolio.performance.domain;

import java.math.BigDecimal;

public enum MetricUnit {
    PERCENT, PERCENTILE, COUNT, DAYS, RATIO, SCORE;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** @return null when the value is plausible for this unit, else what is wrong */
    public String valueProblem(BigDecimal v) {
        return switch (this) {
            case PERCENT, PERCENTILE -> v.signum() < 0 || v.compareTo(HUNDRED) > 0 ? "must be between 0 and 100" : null;
            case COUNT -> v.signum() < 0 || v.stripTrailingZeros().scale() > 0 ? "must be a whole number, 0 or more" : null;
            case DAYS, RATIO -> v.signum() < 0 ? "must be 0 or more" : null;
            case SCORE -> null;
        };
    }
}
