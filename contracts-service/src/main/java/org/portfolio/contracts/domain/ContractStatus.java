package org.portfolio.contracts.domain;

/** DRAFT → ACTIVE → one of the ended states (EXPIRED, RENEWED, NON_RENEWED, TERMINATED). */
public enum ContractStatus {
    DRAFT, ACTIVE, EXPIRED, RENEWED, NON_RENEWED, TERMINATED;

    public boolean isEnded() {
        return this != DRAFT && this != ACTIVE;
    }
}
