package org.portfolio.autonomy.domain;

/**
 * How a benchmark compares the actual value with its target, as contracts-service announces it in
 * BenchmarkEvaluated: actual ≥, >, ≤, &lt; or = target. Kept as text; an event with another value is refused.
 */
public enum BenchmarkComparator { GTE, GT, LTE, LT, EQ }
