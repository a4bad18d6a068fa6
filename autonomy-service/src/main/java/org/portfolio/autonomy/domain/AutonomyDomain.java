package org.portfolio.autonomy.domain;

/** The four domains of school autonomy. */
public enum AutonomyDomain { PEOPLE, TIME, MONEY, PROGRAM }
