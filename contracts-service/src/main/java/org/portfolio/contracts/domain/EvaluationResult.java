package org.portfolio.contracts.domain;

/**
 * The outcome of evaluating a benchmark. INSUFFICIENT_DATA records that the value arrived suppressed (n below
 * the framework's minimum); MISSING_DATA that no value arrived by the end of the benchmark's school year plus the
 * contract's grace period (the accountability clock found it). Neither is a MET or MISSED by itself: each counts as
 * a miss only where the contract says so ({@link BenchmarkEvaluation#countsAsMiss}).
 */
public enum EvaluationResult {
    MET, MISSED, INSUFFICIENT_DATA, MISSING_DATA;

    public boolean isDecisive() {
        return this == MET || this == MISSED;
    }
}
