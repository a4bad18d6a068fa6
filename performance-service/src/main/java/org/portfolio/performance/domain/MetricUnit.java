package org.portfolio.performance.domain;

public enum MetricUnit { PERCENT, PERCENTILE, COUNT, DAYS, RATIO, SCORE }
