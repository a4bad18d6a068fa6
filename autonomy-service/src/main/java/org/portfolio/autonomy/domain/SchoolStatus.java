package org.portfolio.autonomy.domain;

/**
 * A school's status as contracts-service announces it (SchoolRegistered, SchoolStatusChanged). Kept as text on
 * {@link School}; an event with another value is refused (poison), so answers only ever show these.
 */
public enum SchoolStatus { PROPOSED, OPEN, CLOSING, CLOSED }
