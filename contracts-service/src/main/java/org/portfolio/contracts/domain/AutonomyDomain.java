package org.portfolio.contracts.domain;

/** The four areas of school autonomy (seeds/003): staffing, schedule, budget, curriculum and programs. */
public enum AutonomyDomain { PEOPLE, TIME, MONEY, PROGRAM }
