package org.portfolio.contracts.domain;

/**
 * What the contract says happens when an intervention step passes its due date while the contract is still at that
 * step: FLAG records and announces it (oversight decides), ESCALATE also moves the contract one level up the ladder
 * (at REVOCATION, the top, it can only be flagged).
 */
public enum OverdueAction { FLAG, ESCALATE }
