package org.portfolio.performance.domain;

/** Where a running upload is: reading and validating rows, merging them, recomputing metrics and ratings. */
public enum JobPhase { RECEIVING, MERGING, AGGREGATING, DONE }
