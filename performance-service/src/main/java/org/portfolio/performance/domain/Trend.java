package org.portfolio.performance.domain;

import java.math.BigDecimal;

/** How a metric moved since the previous school year, read in the metric's good direction. */
public record Trend(String previousYear, BigDecimal previousValue, BigDecimal change, Direction direction) {

    public enum Direction { IMPROVING, STEADY, DECLINING }

    public static Trend of(String previousYear, BigDecimal previous, BigDecimal current, MetricDirection better) {
        BigDecimal change = Decimals.clean(current.subtract(previous));
        int sign = change.signum() * (better == MetricDirection.HIGHER_IS_BETTER ? 1 : -1);
        return new Trend(previousYear, Decimals.clean(previous), change,
                sign > 0 ? Direction.IMPROVING : sign < 0 ? Direction.DECLINING : Direction.STEADY);
    }
}
