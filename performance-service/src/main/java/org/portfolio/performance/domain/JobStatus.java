package org.portfolio.performance.domain;

public enum JobStatus { RUNNING, COMPLETED, FAILED }
