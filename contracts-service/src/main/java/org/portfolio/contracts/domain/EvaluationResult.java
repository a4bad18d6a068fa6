package org.portfolio.contracts.domain;

/**
 * The outcome of evaluating a benchmark. INSUFFICIENT_DATA records that the value arrived suppressed (n below
 * the framework's minimum): it is kept for the scorecard and history but never published as MET or MISSED.
 */
public enum EvaluationResult {
    MET, MISSED, INSUFFICIENT_DATA;

    public boolean isDecisive() {
        return this != INSUFFICIENT_DATA;
    }
}
