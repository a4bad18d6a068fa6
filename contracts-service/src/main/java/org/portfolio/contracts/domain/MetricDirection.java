package org.portfolio.contracts.domain;

import java.util.Optional;

/** Which way a metric's values are better, as performance-service defines the metric (MetricDefined). */
public enum MetricDirection {
    HIGHER_IS_BETTER(1), LOWER_IS_BETTER(-1);

    private final int sign;

    MetricDirection(int sign) {
        this.sign = sign;
    }

    /** +1 or -1, as {@link BenchmarkComparator#betterDirection()} says it. */
    public int sign() {
        return sign;
    }

    public static Optional<MetricDirection> parse(String s) {
        for (MetricDirection d : values()) {
            if (d.name().equals(s)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
