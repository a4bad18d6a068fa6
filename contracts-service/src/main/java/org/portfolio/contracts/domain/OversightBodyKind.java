package org.portfolio.contracts.domain;

/** Who authorizes and oversees schools. */
public enum OversightBodyKind { SCHOOL_BOARD, DISTRICT_OFFICE, CHARTER_AUTHORIZER, STATE_AGENCY, NONPROFIT_PARTNER }
