package org.portfolio.contracts.domain;

import java.math.BigDecimal;

/** How a benchmark's actual value is compared with its target. */
public enum BenchmarkComparator {
    GTE(">=", "<"), GT(">", "<="), LTE("<=", ">"), LT("<", ">="), EQ("=", "!=");

    private final String symbol;
    private final String negation;

    BenchmarkComparator(String symbol, String negation) {
        this.symbol = symbol;
        this.negation = negation;
    }

    /** True when the actual value meets the target. */
    public boolean isMet(BigDecimal actual, BigDecimal target) {
        int c = actual.compareTo(target);
        return switch (this) {
            case GTE -> c >= 0;
            case GT -> c > 0;
            case LTE -> c <= 0;
            case LT -> c < 0;
            case EQ -> c == 0;
        };
    }

    public String symbol() {
        return symbol;
    }

    /** The relation that holds between actual and target when the benchmark is missed ("7 &gt; 3" for LTE 3). */
    public String negation() {
        return negation;
    }

    /** +1 when higher values are better, -1 when lower are better, 0 when neither (EQ). */
    public int betterDirection() {
        return switch (this) {
            case GTE, GT -> 1;
            case LTE, LT -> -1;
            case EQ -> 0;
        };
    }
}
