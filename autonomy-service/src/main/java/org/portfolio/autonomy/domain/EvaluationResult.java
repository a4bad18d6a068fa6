package org.portfolio.autonomy.domain;

/**
 * The result of a benchmark evaluation as BenchmarkEvaluated carries it (contracts-service never publishes an
 * evaluation on insufficient data). Kept as text; an event with another value is refused.
 */
public enum EvaluationResult { MET, MISSED }
