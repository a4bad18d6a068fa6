package org.portfolio.contracts.domain;

/** The kinds of public school in a portfolio district. */
public enum SchoolType { DISTRICT, CHARTER, INNOVATION, CONTRACT, MAGNET }
