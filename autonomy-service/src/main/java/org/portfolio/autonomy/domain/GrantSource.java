package org.portfolio.autonomy.domain;

/** Where a grant comes from. */
public enum GrantSource { CONTRACT_PROVISION, APPROVED_REQUEST, MANUAL }
