package org.portfolio.contracts.domain;

/** Where a school is in its life, as decided by its oversight body. */
public enum SchoolStatus { PROPOSED, OPEN, CLOSING, CLOSED }
