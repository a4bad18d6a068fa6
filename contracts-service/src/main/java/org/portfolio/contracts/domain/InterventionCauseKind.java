package org.portfolio.contracts.domain;

/**
 * Why an intervention level changed: a missed benchmark (automatic), an oversight decision (manual), or the
 * contract ending, which closes its intervention (level back to NONE).
 */
public enum InterventionCauseKind { BENCHMARK_MISSED, MANUAL, CONTRACT_ENDED }
