package org.portfolio.contracts.domain;

/**
 * How an autonomy is given: EARNED once eligibility criteria on ratings hold; FULL_WITH_EXPECTATIONS with the
 * contract, revoked when a guarding benchmark is missed; PROGRAMMATIC on request with a justification plan.
 */
public enum AutonomyModel { EARNED, FULL_WITH_EXPECTATIONS, PROGRAMMATIC }
