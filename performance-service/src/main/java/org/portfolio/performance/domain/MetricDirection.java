package org.portfolio.performance.domain;

public enum MetricDirection { HIGHER_IS_BETTER, LOWER_IS_BETTER }
