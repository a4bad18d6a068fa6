package org.portfolio.autonomy.domain;

/** How a school obtains an autonomy (DESIGN.md "Autonomy models"). */
public enum GrantModel {
    /** Granted when eligibility criteria on the school's ratings hold. */
    EARNED,
    /** Granted with the contract, revoked when a guarding benchmark is missed. */
    FULL_WITH_EXPECTATIONS,
    /** Asked for by the school with a justification plan; granted by an approved request. */
    PROGRAMMATIC
}
