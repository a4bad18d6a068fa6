package org.portfolio.performance.domain;

/** What a correction item did: changed the record's values, removed it, or nothing (the values were already so). */
public enum CorrectionOutcome { CHANGED, RETRACTED, UNCHANGED }
