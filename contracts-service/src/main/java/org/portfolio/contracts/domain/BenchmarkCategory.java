package org.portfolio.contracts.domain;

/** What a benchmark measures (authorizer frameworks: academic, financial, organizational performance). */
public enum BenchmarkCategory { ACADEMIC, FINANCIAL, ORGANIZATIONAL }
