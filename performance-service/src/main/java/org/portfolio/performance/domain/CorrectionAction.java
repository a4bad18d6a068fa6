package org.portfolio.performance.domain;

/** What a correction item does to the record its natural key names: replace its values, or remove it. */
public enum CorrectionAction { CORRECT, RETRACT }
