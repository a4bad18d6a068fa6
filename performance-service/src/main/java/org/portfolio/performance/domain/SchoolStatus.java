package org.portfolio.performance.domain;

/** Where a school is in its life, as the registry (contracts-service) records it. */
public enum SchoolStatus {
    PROPOSED, OPEN, CLOSING, CLOSED;

    /** The status of a registry value; null for a value outside this set. */
    public static SchoolStatus of(String value) {
        for (SchoolStatus s : values()) {
            if (s.name().equals(value)) {
                return s;
            }
        }
        return null;
    }
}
