package org.portfolio.contracts.domain;

/**
 * What caused an evaluation: a new metric value, a contract becoming active or amended on known data, or the
 * accountability clock finding that no value came by the due date (CLOCK: a MISSING_DATA evaluation).
 */
public enum EvaluationTrigger { METRIC_RESULT, ACTIVATION, AMENDMENT, CLOCK }
