package org.portfolio.contracts.domain;

/** What caused an evaluation: a new metric value, or a contract becoming active or amended on known data. */
public enum EvaluationTrigger { METRIC_RESULT, ACTIVATION, AMENDMENT }
