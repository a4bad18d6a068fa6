package org.portfolio.autonomy.domain;

/** Who holds a whole domain for a school: every decision the school's, some of them, or none. */
public enum DomainControl { SCHOOL, PARTIAL, DISTRICT }
