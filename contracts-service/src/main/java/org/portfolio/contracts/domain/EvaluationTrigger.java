package org.portfolio.contracts.domain;

/**
 * What caused an evaluation: a new metric value, a contract becoming active or amended on known data, the
 * accountability clock finding that no value came by the due date (CLOCK: a MISSING_DATA evaluation), or a value that
 * a correction of student records changed (CORRECTION: the evaluation names the correction).
 */
public enum EvaluationTrigger { METRIC_RESULT, ACTIVATION, AMENDMENT, CLOCK, CORRECTION }
