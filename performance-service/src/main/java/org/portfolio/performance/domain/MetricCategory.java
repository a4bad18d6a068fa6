package org.portfolio.performance.domain;

/** The three categories of an authorizer performance framework (NACSA). */
public enum MetricCategory { ACADEMIC, FINANCIAL, ORGANIZATIONAL }
