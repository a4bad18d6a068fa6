package org.portfolio.autonomy.domain;

/** Who takes a decision: the school ("loose") while a grant covers it, the district ("tight") otherwise. */
public enum DecidedBy { SCHOOL, DISTRICT }
